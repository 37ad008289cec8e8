// SPDX-License-Identifier: MIT
/*
 * Offsets and sizes the x86_64 assembly uses, computed by the compiler from the C definitions.
 * tools/gen_asm_offsets.py turns this file's assembly output into asm-offsets.h.
 */
#include <asm_offsets_gen.h>
#include <cpu.h>
#include <smp.h>
#include <sstrace.h>
#include <task.h>
#include <asm/ptrace.h>

/* %gs:0 must give the per-CPU area's own address (arch_this_cpu()). */
_Static_assert(offsetof(struct cpu, self) == 0, "struct cpu.self must be first");

/* entry.S builds pt_regs with push instructions, so the C layout must be exactly the reverse of
 * the push order: r15 (pushed last) at offset 0, then each register 8 bytes above the one pushed
 * after it, up to the hardware frame. */
#define NEXT(a, b)                                                                                 \
	_Static_assert(offsetof(struct pt_regs, b) == offsetof(struct pt_regs, a) + 8,             \
		       #b " must follow " #a " in push order")
_Static_assert(offsetof(struct pt_regs, r15) == 0, "r15 is pushed last");
NEXT(r15, r14);
NEXT(r14, r13);
NEXT(r13, r12);
NEXT(r12, rbp);
NEXT(rbp, rbx);
NEXT(rbx, r11);
NEXT(r11, r10);
NEXT(r10, r9);
NEXT(r9, r8);
NEXT(r8, rax);
NEXT(rax, rcx);
NEXT(rcx, rdx);
NEXT(rdx, rsi);
NEXT(rsi, rdi);
NEXT(rdi, vector);
NEXT(vector, error_code);
NEXT(error_code, rip);
NEXT(rip, cs);
NEXT(cs, rflags);
NEXT(rflags, rsp);
NEXT(rsp, ss);

void asm_offsets(void);
void asm_offsets(void)
{
	DEFINE(PT_SIZE, sizeof(struct pt_regs));
	/* The frame as a vector stub leaves it, before SAVE_REGS: the vector at 0(%rsp), then the
	 * error code and the CPU's frame (rip, cs, rflags, rsp, ss): the top of struct pt_regs. */
	DEFINE(STUB_VECTOR, 0);
	DEFINE(STUB_ERROR_CODE,
	       offsetof(struct pt_regs, error_code) - offsetof(struct pt_regs, vector));
	DEFINE(STUB_RIP, offsetof(struct pt_regs, rip) - offsetof(struct pt_regs, vector));
	DEFINE(STUB_CS, offsetof(struct pt_regs, cs) - offsetof(struct pt_regs, vector));
	DEFINE(STUB_RFLAGS, offsetof(struct pt_regs, rflags) - offsetof(struct pt_regs, vector));
	DEFINE(STUB_RSP, offsetof(struct pt_regs, rsp) - offsetof(struct pt_regs, vector));
	DEFINE(STUB_SS, offsetof(struct pt_regs, ss) - offsetof(struct pt_regs, vector));
	OFFSET(PT_R15, pt_regs, r15);
	OFFSET(PT_R14, pt_regs, r14);
	OFFSET(PT_R13, pt_regs, r13);
	OFFSET(PT_R12, pt_regs, r12);
	OFFSET(PT_RBP, pt_regs, rbp);
	OFFSET(PT_RBX, pt_regs, rbx);
	OFFSET(PT_R11, pt_regs, r11);
	OFFSET(PT_R10, pt_regs, r10);
	OFFSET(PT_R9, pt_regs, r9);
	OFFSET(PT_R8, pt_regs, r8);
	OFFSET(PT_RAX, pt_regs, rax);
	OFFSET(PT_RCX, pt_regs, rcx);
	OFFSET(PT_RDX, pt_regs, rdx);
	OFFSET(PT_RSI, pt_regs, rsi);
	OFFSET(PT_RDI, pt_regs, rdi);
	OFFSET(PT_VECTOR, pt_regs, vector);
	OFFSET(PT_ERROR_CODE, pt_regs, error_code);
	OFFSET(PT_RIP, pt_regs, rip);
	OFFSET(PT_CS, pt_regs, cs);
	OFFSET(PT_RFLAGS, pt_regs, rflags);
	OFFSET(PT_RSP, pt_regs, rsp);
	OFFSET(PT_SS, pt_regs, ss);
	OFFSET(CPU_SELF, cpu, self);
	OFFSET(CPU_CURRENT, cpu, current);
	OFFSET(CPU_IRQ_STACK_TOP, cpu, irq_stack_top);
	OFFSET(CPU_IRQ_COUNT, cpu, arch.irq_count);
	OFFSET(CPU_TSS_SP0, cpu, arch.tss.sp0);
	OFFSET(CPU_TSS_SP1, cpu, arch.tss.sp1);
	OFFSET(CPU_TSS_SP2, cpu, arch.tss.sp2);
	OFFSET(TASK_THREAD_SP, task, thread.sp);
	OFFSET(TASK_STACK, task, stack_base);
	OFFSET(TASK_STACK_SIZE, task, stack_size);
	COMMON_ASM_OFFSETS();
}
