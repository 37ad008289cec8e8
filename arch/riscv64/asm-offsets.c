// SPDX-License-Identifier: MIT
/*
 * Offsets and sizes the riscv64 assembly uses, computed by the compiler from the C definitions.
 * tools/gen_asm_offsets.py turns this file's assembly output into asm-offsets.h.
 */
#include <asm_offsets_gen.h>
#include <cpu.h>
#include <smp.h>
#include <sstrace.h>
#include <task.h>
#include <asm/ptrace.h>

/* The tracer's macros (asm/sstrace.h) reach the ring with 12-bit immediates. */
_Static_assert(offsetof(struct cpu, switch_log.ring) < 2048,
	       "the ring must be near struct cpu's start");

void asm_offsets(void);
void asm_offsets(void)
{
	DEFINE(PT_SIZE, sizeof(struct pt_regs));
	OFFSET(PT_EPC, pt_regs, epc);
	OFFSET(PT_RA, pt_regs, ra);
	OFFSET(PT_SP, pt_regs, sp);
	OFFSET(PT_GP, pt_regs, gp);
	OFFSET(PT_TP, pt_regs, tp);
	OFFSET(PT_T0, pt_regs, t0);
	OFFSET(PT_T1, pt_regs, t1);
	OFFSET(PT_T2, pt_regs, t2);
	OFFSET(PT_S0, pt_regs, s0);
	OFFSET(PT_S1, pt_regs, s1);
	OFFSET(PT_A0, pt_regs, a0);
	OFFSET(PT_A1, pt_regs, a1);
	OFFSET(PT_A2, pt_regs, a2);
	OFFSET(PT_A3, pt_regs, a3);
	OFFSET(PT_A4, pt_regs, a4);
	OFFSET(PT_A5, pt_regs, a5);
	OFFSET(PT_A6, pt_regs, a6);
	OFFSET(PT_A7, pt_regs, a7);
	OFFSET(PT_S2, pt_regs, s2);
	OFFSET(PT_S3, pt_regs, s3);
	OFFSET(PT_S4, pt_regs, s4);
	OFFSET(PT_S5, pt_regs, s5);
	OFFSET(PT_S6, pt_regs, s6);
	OFFSET(PT_S7, pt_regs, s7);
	OFFSET(PT_S8, pt_regs, s8);
	OFFSET(PT_S9, pt_regs, s9);
	OFFSET(PT_S10, pt_regs, s10);
	OFFSET(PT_S11, pt_regs, s11);
	OFFSET(PT_T3, pt_regs, t3);
	OFFSET(PT_T4, pt_regs, t4);
	OFFSET(PT_T5, pt_regs, t5);
	OFFSET(PT_T6, pt_regs, t6);
	OFFSET(PT_STATUS, pt_regs, status);
	OFFSET(PT_BADADDR, pt_regs, badaddr);
	OFFSET(PT_CAUSE, pt_regs, cause);
	OFFSET(PT_ORIG_A0, pt_regs, orig_a0);
	OFFSET(TASK_CPU, task, cpu);
	OFFSET(TASK_STACK, task, stack_base);
	OFFSET(TASK_STACK_SIZE, task, stack_size);
	OFFSET(TASK_THREAD_RA, task, thread.ra);
	OFFSET(TASK_THREAD_SP, task, thread.sp);
	OFFSET(TASK_THREAD_S, task, thread.s);
	OFFSET(TASK_THREAD_KERNEL_SP, task, thread.kernel_sp);
	OFFSET(TASK_THREAD_USER_SP, task, thread.user_sp);
	OFFSET(CPU_IRQ_STACK_TOP, cpu, irq_stack_top);
	OFFSET(CPU_OVERFLOW_STACK_BASE, cpu, overflow_stack_base);
	OFFSET(CPU_OVERFLOW_STACK_TOP, cpu, overflow_stack_top);
	COMMON_ASM_OFFSETS();
}
