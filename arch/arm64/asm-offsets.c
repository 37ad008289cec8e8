// SPDX-License-Identifier: MIT
/*
 * Offsets and sizes the arm64 assembly uses, computed by the compiler from the C definitions.
 * tools/gen_asm_offsets.py turns this file's assembly output into asm-offsets.h.
 */
#include <asm_offsets_gen.h>
#include <cpu.h>
#include <extable.h>
#include <smp.h>
#include <sstrace.h>
#include <task.h>
#include <asm/ptrace.h>

/* entry.S saves x0..x30 in pairs with stp: register N must sit at offset 8 * N. */
_Static_assert(offsetof(struct pt_regs, regs[0]) == 0, "x0 first");
_Static_assert(offsetof(struct pt_regs, sp) == 31 * 8, "sp right after x30");
/* ...and saves lr/sp, pc/pstate and esr/far in pairs too. */
_Static_assert(offsetof(struct pt_regs, pstate) == offsetof(struct pt_regs, pc) + 8, "pc, pstate");
_Static_assert(offsetof(struct pt_regs, far) == offsetof(struct pt_regs, esr) + 8, "esr, far");
/* kernel_entry 0 stores orig_x0 and tpidr_el0 with one stp. */
_Static_assert(offsetof(struct pt_regs, tpidr_el0) == offsetof(struct pt_regs, orig_x0) + 8,
	       "orig_x0, tpidr_el0");
/* The user-copy routines in entry.S write exception-table entries as three .8byte words, in the
 * order of struct extable_entry (include/extable.h). */
_Static_assert(offsetof(struct extable_entry, insn) == 0 &&
		       offsetof(struct extable_entry, fixup) == 8 &&
		       offsetof(struct extable_entry, flags) == 16 &&
		       sizeof(struct extable_entry) == 24,
	       "extable entry: insn, fixup, flags as three 8-byte words");

void asm_offsets(void);
void asm_offsets(void)
{
	DEFINE(PT_SIZE, sizeof(struct pt_regs));
	OFFSET(PT_X0, pt_regs, regs[0]);
	OFFSET(PT_X2, pt_regs, regs[2]);
	OFFSET(PT_X4, pt_regs, regs[4]);
	OFFSET(PT_X6, pt_regs, regs[6]);
	OFFSET(PT_X8, pt_regs, regs[8]);
	OFFSET(PT_X10, pt_regs, regs[10]);
	OFFSET(PT_X12, pt_regs, regs[12]);
	OFFSET(PT_X14, pt_regs, regs[14]);
	OFFSET(PT_X16, pt_regs, regs[16]);
	OFFSET(PT_X18, pt_regs, regs[18]);
	OFFSET(PT_X20, pt_regs, regs[20]);
	OFFSET(PT_X22, pt_regs, regs[22]);
	OFFSET(PT_X24, pt_regs, regs[24]);
	OFFSET(PT_X26, pt_regs, regs[26]);
	OFFSET(PT_X28, pt_regs, regs[28]);
	OFFSET(PT_LR, pt_regs, regs[30]);
	OFFSET(PT_SP, pt_regs, sp);
	OFFSET(PT_PC, pt_regs, pc);
	OFFSET(PT_PSTATE, pt_regs, pstate);
	OFFSET(PT_ESR, pt_regs, esr);
	OFFSET(PT_FAR, pt_regs, far);
	OFFSET(PT_ORIG_X0, pt_regs, orig_x0);
	OFFSET(PT_TPIDR_EL0, pt_regs, tpidr_el0);
	/* The vector numbers entry.S hands to do_trap(). */
	DEFINE(VEC_EL1T_SYNC, VEC_EL1T_SYNC);
	DEFINE(VEC_EL1T_IRQ, VEC_EL1T_IRQ);
	DEFINE(VEC_EL1T_FIQ, VEC_EL1T_FIQ);
	DEFINE(VEC_EL1T_SERROR, VEC_EL1T_SERROR);
	DEFINE(VEC_EL1H_SYNC, VEC_EL1H_SYNC);
	DEFINE(VEC_EL1H_IRQ, VEC_EL1H_IRQ);
	DEFINE(VEC_EL1H_FIQ, VEC_EL1H_FIQ);
	DEFINE(VEC_EL1H_SERROR, VEC_EL1H_SERROR);
	DEFINE(VEC_EL0_64_SYNC, VEC_EL0_64_SYNC);
	DEFINE(VEC_EL0_64_IRQ, VEC_EL0_64_IRQ);
	DEFINE(VEC_EL0_64_FIQ, VEC_EL0_64_FIQ);
	DEFINE(VEC_EL0_64_SERROR, VEC_EL0_64_SERROR);
	DEFINE(VEC_EL0_32_SYNC, VEC_EL0_32_SYNC);
	DEFINE(VEC_EL0_32_IRQ, VEC_EL0_32_IRQ);
	DEFINE(VEC_EL0_32_FIQ, VEC_EL0_32_FIQ);
	DEFINE(VEC_EL0_32_SERROR, VEC_EL0_32_SERROR);
	OFFSET(TASK_CPU, task, cpu);
	OFFSET(TASK_STACK, task, stack_base);
	OFFSET(TASK_THREAD_CPU_CONTEXT, task, thread.cpu_context);
	OFFSET(CPU_CURRENT, cpu, current);
	OFFSET(CPU_IRQ_STACK_TOP, cpu, irq_stack_top);
	OFFSET(CPU_OVERFLOW_STACK_BASE, cpu, overflow_stack_base);
	OFFSET(CPU_OVERFLOW_STACK_TOP, cpu, overflow_stack_top);
	OFFSET(TASK_STACK_SIZE, task, stack_size);
	COMMON_ASM_OFFSETS();
}
