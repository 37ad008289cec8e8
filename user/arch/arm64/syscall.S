/* SPDX-License-Identifier: MIT */
/*
 * arm64 system-call stub (docs/syscalls.md):
 *
 *   long __syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
 *
 * The C calling convention brings nr, a1..a6 in x0..x6; SVC #0 wants the number in x8 and the
 * arguments in x0..x5, as Linux does. The result comes back in x0, where C wants it; the
 * kernel preserves every other register.
 */
	.text
	.globl	__syscall
	.type	__syscall, %function
__syscall:
	mov	x8, x0			/* number */
	mov	x0, x1			/* a1 */
	mov	x1, x2			/* a2 */
	mov	x2, x3			/* a3 */
	mov	x3, x4			/* a4 */
	mov	x4, x5			/* a5 */
	mov	x5, x6			/* a6 */
	svc	#0
	ret
	.size	__syscall, . - __syscall
