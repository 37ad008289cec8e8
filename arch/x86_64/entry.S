/* SPDX-License-Identifier: MIT */
/*
 * x86_64 exception entry. Each IDT vector has a small stub that makes every frame look the same
 * (the CPU pushes an error code for some exceptions only: the stub pushes 0 for the others) and
 * pushes its vector number; then the common code saves the general registers, which completes a
 * struct pt_regs, and calls do_trap(). Linux's equivalents: arch/x86/entry/entry_64.S with the
 * idtentry macros of arch/x86/include/asm/idtentry.h.
 *
 * All exceptions come from kernel mode for now (no user mode, no TSS stacks yet), so the CPU
 * does not switch stacks: the frame is pushed on the stack that was interrupted
 * (DESIGN.md section 3, "exception from kernel: none").
 */
#include <asm-offsets.h>

/* Exceptions for which the CPU pushes an error code: #DF 8, #TS 10, #NP 11, #SS 12, #GP 13,
 * #PF 14, #AC 17, #CP 21, #VC 29, #SX 30. */
#define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || \
			   (v) == 29 || (v) == 30)

#define STUB_SIZE 16

	.text
	/* [VECTOR_STUBS] One stub per exception vector, each STUB_SIZE bytes, so trap.c can
	 * compute stub addresses from the table's start. */
	.balign	STUB_SIZE
	.globl	exception_stubs
exception_stubs:
	vector = 0
	.rept	32
	.balign	STUB_SIZE
	.if	HAS_ERROR_CODE(vector) == 0
	pushq	$0			/* no error code from the CPU: keep the frame uniform */
	.endif
	pushq	$vector
	jmp	exception_common
	vector = vector + 1
	.endr

exception_common:
	/* [SAVE_REGS] Complete the struct pt_regs: the CPU pushed ss..rip, the stub the error
	 * code and the vector; the general registers go below them, in pt_regs order. */
	push	%rdi
	push	%rsi
	push	%rdx
	push	%rcx
	push	%rax
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	cld				/* the C ABI expects the direction flag clear */

	/* [CALL_HANDLER] do_trap(regs). The stack is 16-byte aligned here: the CPU aligned it
	 * before pushing its 5-word frame, and the stub and the pushes added 17 words. */
	mov	%rsp, %rdi
	call	do_trap

	/* [RESTORE_REGS] Pop what we pushed, drop vector and error code, return. */
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rax
	pop	%rcx
	pop	%rdx
	pop	%rsi
	pop	%rdi
	add	$(PT_RIP - PT_VECTOR), %rsp
	iretq

/*
 * void arch_capture_regs(struct pt_regs *regs): a snapshot of the caller's registers, for panic()
 * and backtraces. A leaf without a frame: rbp is the caller's; the return address on the stack is
 * the caller's "rip", and rsp + 8 is the caller's rsp.
 */
	.globl	arch_capture_regs
arch_capture_regs:
	mov	%r15, PT_R15(%rdi)
	mov	%r14, PT_R14(%rdi)
	mov	%r13, PT_R13(%rdi)
	mov	%r12, PT_R12(%rdi)
	mov	%rbp, PT_RBP(%rdi)
	mov	%rbx, PT_RBX(%rdi)
	mov	%r11, PT_R11(%rdi)
	mov	%r10, PT_R10(%rdi)
	mov	%r9, PT_R9(%rdi)
	mov	%r8, PT_R8(%rdi)
	mov	%rax, PT_RAX(%rdi)
	mov	%rcx, PT_RCX(%rdi)
	mov	%rdx, PT_RDX(%rdi)
	mov	%rsi, PT_RSI(%rdi)
	mov	%rdi, PT_RDI(%rdi)
	movq	$0, PT_VECTOR(%rdi)
	movq	$0, PT_ERROR_CODE(%rdi)
	mov	(%rsp), %rax
	mov	%rax, PT_RIP(%rdi)
	lea	8(%rsp), %rax
	mov	%rax, PT_RSP(%rdi)
	mov	%cs, %eax
	mov	%rax, PT_CS(%rdi)
	mov	%ss, %eax
	mov	%rax, PT_SS(%rdi)
	pushfq
	pop	%rax
	mov	%rax, PT_RFLAGS(%rdi)
	mov	PT_RAX(%rdi), %rax	/* give rax back its value */
	ret
