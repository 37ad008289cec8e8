/* SPDX-License-Identifier: MIT */
/*
 * x86_64 system-call stub (docs/syscalls.md):
 *
 *   long __syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
 *
 * The C calling convention brings nr, a1..a5 in rdi, rsi, rdx, rcx, r8, r9 and a6 on the
 * stack; the SYSCALL convention wants the number in rax and the arguments in rdi, rsi, rdx,
 * r10, r8, r9, because the SYSCALL instruction itself overwrites rcx (with the return RIP)
 * and r11 (with RFLAGS). Both are caller-saved in C, so losing them costs nothing here.
 * The result comes back in rax, which is where C wants it.
 */
	.text
	.globl	__syscall
	.type	__syscall, @function
__syscall:
	mov	%rdi, %rax		/* number */
	mov	%rsi, %rdi		/* a1 */
	mov	%rdx, %rsi		/* a2 */
	mov	%rcx, %rdx		/* a3 */
	mov	%r8, %r10		/* a4: r10, since rcx is lost to SYSCALL */
	mov	%r9, %r8		/* a5 */
	mov	8(%rsp), %r9		/* a6, the 7th C argument, above the return address */
	syscall
	ret
	.size	__syscall, . - __syscall
