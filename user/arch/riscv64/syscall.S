/* SPDX-License-Identifier: MIT */
/*
 * riscv64 system-call stub (docs/syscalls.md):
 *
 *   long __syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
 *
 * The C calling convention brings nr, a1..a6 in a0..a6; ECALL wants the number in a7 and the
 * arguments in a0..a5, as Linux does. The result comes back in a0, where C wants it; the
 * kernel preserves every other register.
 */
	.text
	.globl	__syscall
	.type	__syscall, @function
__syscall:
	mv	a7, a0			/* number */
	mv	a0, a1			/* a1 */
	mv	a1, a2			/* a2 */
	mv	a2, a3			/* a3 */
	mv	a3, a4			/* a4 */
	mv	a4, a5			/* a5 */
	mv	a5, a6			/* a6 */
	ecall
	ret
	.size	__syscall, . - __syscall
