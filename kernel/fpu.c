// SPDX-License-Identifier: MIT
/*
 * User FP/SIMD state: include/fpu.h. The arch code moves the registers (fpu.S) and says whether
 * they need saving (riscv64's sstatus.FS); this file decides when.
 */
#include <arch.h>
#include <fpu.h>
#include <kmalloc.h>
#include <task.h>
#include <uapi/errno.h>
#include <asm/fpu.h>

/* kmalloc() puts an object of a power-of-two size at a multiple of that size. */
_Static_assert((FPU_STATE_SIZE & (FPU_STATE_SIZE - 1)) == 0 && FPU_STATE_SIZE >= FPU_STATE_ALIGN,
	       "the FP/SIMD buffer's size gives it its alignment");

int fpu_alloc(struct task *t)
{
	t->fpu = kmalloc(FPU_STATE_SIZE);
	if (!t->fpu)
		return -ENOMEM;
	arch_fpu_init_state(t->fpu);
	return 0;
}

void fpu_free(struct task *t)
{
	kfree(t->fpu);
	t->fpu = NULL;
}

void fpu_switch(struct task *prev, struct task *next)
{
	/* [FPU_SAVE] The registers belong to prev, the last process to run here: nothing but
	 * a process writes them. */
	if (prev->fpu && arch_fpu_needs_save(prev))
		fpu_save_state(prev->fpu);
	/* [FPU_RESTORE] A kernel thread gets none: it leaves the registers as they are. */
	if (next->fpu) {
		fpu_restore_state(next->fpu);
		arch_fpu_loaded(next);
	}
}
