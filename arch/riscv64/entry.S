/* SPDX-License-Identifier: MIT */
/*
 * riscv64 trap entry: every exception and interrupt arrives at handle_exception (stvec, direct
 * mode). Linux's equivalent is arch/riscv/kernel/entry.S.
 *
 * The sscratch protocol: sscratch is 0 while the CPU runs kernel code, and will hold the current
 * task while it runs user code. Until user mode exists every trap comes from the kernel, so the
 * frame is built on the stack we were on (no switch: DESIGN.md section 3, "exception from kernel:
 * none" on riscv64).
 */
#include <asm-offsets.h>
#include <asm/csr.h>

	.text
	.balign	4
	.globl	handle_exception
handle_exception:
	/* [SAVE_REGS] Build a struct pt_regs on the current stack. */
	addi	sp, sp, -PT_SIZE
	sd	ra, PT_RA(sp)
	sd	gp, PT_GP(sp)
	sd	tp, PT_TP(sp)
	sd	t0, PT_T0(sp)
	sd	t1, PT_T1(sp)
	sd	t2, PT_T2(sp)
	sd	s0, PT_S0(sp)
	sd	s1, PT_S1(sp)
	sd	a0, PT_A0(sp)
	sd	a1, PT_A1(sp)
	sd	a2, PT_A2(sp)
	sd	a3, PT_A3(sp)
	sd	a4, PT_A4(sp)
	sd	a5, PT_A5(sp)
	sd	a6, PT_A6(sp)
	sd	a7, PT_A7(sp)
	sd	s2, PT_S2(sp)
	sd	s3, PT_S3(sp)
	sd	s4, PT_S4(sp)
	sd	s5, PT_S5(sp)
	sd	s6, PT_S6(sp)
	sd	s7, PT_S7(sp)
	sd	s8, PT_S8(sp)
	sd	s9, PT_S9(sp)
	sd	s10, PT_S10(sp)
	sd	s11, PT_S11(sp)
	sd	t3, PT_T3(sp)
	sd	t4, PT_T4(sp)
	sd	t5, PT_T5(sp)
	sd	t6, PT_T6(sp)
	addi	t0, sp, PT_SIZE		/* the sp the trap interrupted */
	sd	t0, PT_SP(sp)
	csrr	t0, sepc
	csrr	t1, sstatus
	csrr	t2, stval
	csrr	t3, scause
	sd	t0, PT_EPC(sp)
	sd	t1, PT_STATUS(sp)
	sd	t2, PT_BADADDR(sp)
	sd	t3, PT_CAUSE(sp)

	/* [CALL_HANDLER] do_trap(regs). s0 still holds the interrupted code's frame pointer,
	 * so a backtrace from regs (epc, s0) walks on into the code the trap interrupted. */
	mv	a0, sp
	call	do_trap

	/* [RESTORE_REGS] do_trap may have changed epc (a breakpoint steps over itself). */
	ld	t0, PT_EPC(sp)
	ld	t1, PT_STATUS(sp)
	csrw	sepc, t0
	csrw	sstatus, t1
	ld	ra, PT_RA(sp)
	ld	gp, PT_GP(sp)
	ld	tp, PT_TP(sp)
	ld	t0, PT_T0(sp)
	ld	t1, PT_T1(sp)
	ld	t2, PT_T2(sp)
	ld	s0, PT_S0(sp)
	ld	s1, PT_S1(sp)
	ld	a0, PT_A0(sp)
	ld	a1, PT_A1(sp)
	ld	a2, PT_A2(sp)
	ld	a3, PT_A3(sp)
	ld	a4, PT_A4(sp)
	ld	a5, PT_A5(sp)
	ld	a6, PT_A6(sp)
	ld	a7, PT_A7(sp)
	ld	s2, PT_S2(sp)
	ld	s3, PT_S3(sp)
	ld	s4, PT_S4(sp)
	ld	s5, PT_S5(sp)
	ld	s6, PT_S6(sp)
	ld	s7, PT_S7(sp)
	ld	s8, PT_S8(sp)
	ld	s9, PT_S9(sp)
	ld	s10, PT_S10(sp)
	ld	s11, PT_S11(sp)
	ld	t3, PT_T3(sp)
	ld	t4, PT_T4(sp)
	ld	t5, PT_T5(sp)
	ld	t6, PT_T6(sp)
	ld	sp, PT_SP(sp)
	sret

/*
 * void arch_capture_regs(struct pt_regs *regs): a snapshot of the caller's registers, for panic()
 * and backtraces. A leaf without a frame, so sp, s0 and ra are still the caller's; epc is set to
 * the return address, the point in the caller just after this call.
 */
	.globl	arch_capture_regs
arch_capture_regs:
	sd	ra, PT_EPC(a0)
	sd	ra, PT_RA(a0)
	sd	sp, PT_SP(a0)
	sd	gp, PT_GP(a0)
	sd	tp, PT_TP(a0)
	sd	t0, PT_T0(a0)
	sd	t1, PT_T1(a0)
	sd	t2, PT_T2(a0)
	sd	s0, PT_S0(a0)
	sd	s1, PT_S1(a0)
	sd	a0, PT_A0(a0)
	sd	a1, PT_A1(a0)
	sd	a2, PT_A2(a0)
	sd	a3, PT_A3(a0)
	sd	a4, PT_A4(a0)
	sd	a5, PT_A5(a0)
	sd	a6, PT_A6(a0)
	sd	a7, PT_A7(a0)
	sd	s2, PT_S2(a0)
	sd	s3, PT_S3(a0)
	sd	s4, PT_S4(a0)
	sd	s5, PT_S5(a0)
	sd	s6, PT_S6(a0)
	sd	s7, PT_S7(a0)
	sd	s8, PT_S8(a0)
	sd	s9, PT_S9(a0)
	sd	s10, PT_S10(a0)
	sd	s11, PT_S11(a0)
	sd	t3, PT_T3(a0)
	sd	t4, PT_T4(a0)
	sd	t5, PT_T5(a0)
	sd	t6, PT_T6(a0)
	csrr	t0, sstatus
	sd	t0, PT_STATUS(a0)
	sd	zero, PT_BADADDR(a0)
	sd	zero, PT_CAUSE(a0)
	ld	t0, PT_T0(a0)		/* give t0 back its value */
	ret
