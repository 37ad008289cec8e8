/* SPDX-License-Identifier: MIT */
/*
 * riscv64 boot. OpenSBI, the M-mode firmware, drops us into S-mode at our physical load address
 * (KERNEL_PBASE) with the MMU off:
 *   a0 = this hart's id, a1 = physical address of the device tree blob.
 * Only one hart runs here: OpenSBI's fw_dynamic starts the others only on an SBI HSM hart_start.
 *
 * The code below runs at physical addresses until [BOOT_JUMP_HIGH], so it uses only PC-relative
 * addressing (`la` is auipc+addi with -mcmodel=medany), never an absolute kernel address.
 * Linux's equivalent is arch/riscv/kernel/head.S.
 */
#include <asm-offsets.h>
#include <asm/csr.h>
#include <asm/memlayout.h>
#include <asm/thread.h>

/* Sv39 leaf flags for the early 1 GiB "gigapages": valid, accessed, dirty and the rights. */
#define EARLY_RWX 0xcf /* V R W X A D */
#define EARLY_RW  0xc7 /* V R W A D   */

/* Writes a gigapage entry mapping pa at index idx of the table whose address is in t0.
 * Sv39 PTE = (pa >> 12) << 10 | flags = pa >> 2 | flags. */
.macro EARLY_GIGAPAGE idx, pa, flags
	li	t1, ((\pa) >> 2) | (\flags)
	li	t2, (\idx) * 8
	add	t2, t2, t0
	sd	t1, 0(t2)
.endm

/* [BOOT_ENABLE_MMU]'s instructions, shared by the boot hart and the others (satp is per hart).
 * Clobbers t0, t1. */
.macro ENABLE_MMU
	la	t0, early_pgd
	srli	t0, t0, 12
	li	t1, SATP_MODE_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma
.endm

#define GIGA_INDEX(va) (((va) >> 30) & 511)
#define RAM_GIB        EARLY_DIRECT_MAP_BASE

	.section .head.text, "ax"
	.globl	_start
_start:
	/* [BOOT_ENTRY] No interrupts, FPU off (FS=0: any FP instruction traps), SUM off. */
	csrw	sie, zero
	csrw	sstatus, zero
	mv	s0, a0			/* hart id, kept for start_kernel */
	mv	s1, a1			/* DTB physical address */

	/* [BOOT_SECONDARY] Only the first hart to get here boots the kernel. Another one may come
	 * here too: firmware without SBI HSM sends every hart, and OpenSBI 1.1 under QEMU has
	 * been seen (about 1 start in 25 at -smp 4) to send a hart that hart_start asked to
	 * start at secondary_entry here instead. Such a hart waits until the boot hart starts
	 * it (smp_boot_args.hwid names it), then goes the secondary way. boot_lottery is in
	 * .data: the winner clears .bss below. Linux: hart_lottery in head.S. */
	la	t0, boot_lottery
	li	t1, 1
	amoadd.w t1, t1, (t0)
	bnez	t1, .Llate_hart

	/* [BOOT_CLEAR_BSS] The C code expects zeroed .bss; the early page table lives there. */
	la	t0, _bss_start
	la	t1, _bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	/* [BOOT_EARLY_PAGE_TABLES] One Sv39 root table of 1 GiB gigapages:
	 *   - identity map of the GiB we run in, so the instruction after `csrw satp` still fetches;
	 *   - identity map of GiB 0 (QEMU virt's devices: UART, test device), for the early console;
	 *   - the kernel image window at KERNEL_VBASE's GiB;
	 *   - 4 GiB of RAM in the direct map at PAGE_OFFSET, so C code can reach the DTB and the
	 *     page allocator's bitmap before it builds the real page table (kernel/mm/vm.c). */
	la	t0, early_pgd
	EARLY_GIGAPAGE GIGA_INDEX(RAM_GIB), RAM_GIB, EARLY_RWX
	EARLY_GIGAPAGE 0, 0, EARLY_RW
	EARLY_GIGAPAGE GIGA_INDEX(KERNEL_VBASE), RAM_GIB, EARLY_RWX
	EARLY_GIGAPAGE GIGA_INDEX(PAGE_OFFSET + RAM_GIB) + 0, RAM_GIB + 0 * SZ_1G, EARLY_RW
	EARLY_GIGAPAGE GIGA_INDEX(PAGE_OFFSET + RAM_GIB) + 1, RAM_GIB + 1 * SZ_1G, EARLY_RW
	EARLY_GIGAPAGE GIGA_INDEX(PAGE_OFFSET + RAM_GIB) + 2, RAM_GIB + 2 * SZ_1G, EARLY_RW
	EARLY_GIGAPAGE GIGA_INDEX(PAGE_OFFSET + RAM_GIB) + 3, RAM_GIB + 3 * SZ_1G, EARLY_RW

	/* [BOOT_ENABLE_MMU] satp = mode Sv39 | root page number. The fences order our page-table
	 * stores before the walker may read them, and drop any stale translation. */
	ENABLE_MMU

	/* [BOOT_JUMP_HIGH] Load the absolute (upper-half) address of start_high and go there:
	 * from now on PC-relative addresses are kernel virtual addresses. */
	ld	t0, .Lstart_high
	jr	t0

	.balign	8
.Lstart_high:
	.dword	start_high

.Llate_hart:
	la	t2, smp_boot_args
1:	ld	t0, SMP_BOOT_HWID(t2)
	beq	t0, s0, 2f
	nop
	j	1b
2:	fence	r, rw			/* the other fields after hwid: the boot hart's release */
	mv	a0, s0
	j	secondary_entry

	.data
	.balign	4
boot_lottery:
	.word	0
	.section .head.text, "ax"

/*
 * [BOOT_SECONDARY] Where another hart starts, at this physical address, after SBI HSM
 * hart_start (setup.c): S-mode, MMU off, a0 = its hart id, a1 = the opaque value (unused). The
 * same steps as the boot hart without the ones done once for all (.bss, the early table), then
 * the kernel's own page table and the idle task's stack from smp_boot_args (kernel/smp.c).
 * Linux: secondary_start_sbi in head.S.
 */
	.globl	secondary_entry
secondary_entry:
	/* [BOOT_ENTRY] */
	csrw	sie, zero
	csrw	sstatus, zero
	/* [BOOT_ENABLE_MMU] with the early table the boot hart built. */
	ENABLE_MMU
	/* [BOOT_JUMP_HIGH] */
	ld	t0, .Lsecondary_high
	jr	t0
	.balign	8
.Lsecondary_high:
	.dword	secondary_high

	.text
start_high:
	/* [BOOT_STACK] The boot stack, and tp = the current task from the first line of C on:
	 * riscv64 keeps `current` in tp, as Linux does, and finds the CPU through it. */
	la	sp, boot_stack_top
	la	tp, init_task
	/* sscratch protocol (entry.S): 0 while the CPU is in the kernel. */
	csrw	sscratch, zero
	/* [BOOT_TRAP_VECTOR] Any fault from here on reaches handle_exception and panics
	 * with a message instead of looping in OpenSBI. */
	la	t0, handle_exception
	csrw	stvec, t0

	/* [BOOT_CALL_C] start_kernel(hart id, DTB physical address); it never returns. */
	mv	a0, s0
	mv	a1, s1
	mv	s0, zero		/* end of the frame-pointer chain */
	call	start_kernel
3:	wfi
	j	3b

secondary_high:
	/* [BOOT_KERNEL_TABLE] The kernel's own page table, as arch_mmu_switch_kernel() loaded it on
	 * the boot hart (mmu.c). */
	la	t2, smp_boot_args
	ld	t0, SMP_BOOT_KERNEL_ROOT(t2)
	srli	t0, t0, 12
	li	t1, SATP_MODE_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma
	/* [BOOT_STACK] The idle task's stack and tp = the idle task (current); sscratch = 0: in
	 * the kernel. */
	ld	sp, SMP_BOOT_STACK_TOP(t2)
	ld	tp, SMP_BOOT_IDLE(t2)
	csrw	sscratch, zero
	/* [BOOT_TRAP_VECTOR] */
	la	t0, handle_exception
	csrw	stvec, t0
	/* [BOOT_CALL_C] secondary_start_kernel(cpu); it never returns. */
	ld	a0, SMP_BOOT_CPU(t2)
	mv	s0, zero
	call	secondary_start_kernel
4:	wfi
	j	4b

	.section .bss
	.balign	4096
early_pgd:
	.space	4096
	/* The boot stack is init_task's kernel stack (later the idle task's): THREAD_SIZE bytes
	 * aligned to THREAD_ALIGN, like every task stack, so that the high bits of SP say whether
	 * it is on the task stack (arm64's IRQ entry) and bit THREAD_SHIFT is 0 on it (the
	 * overflow check at exception entry). It has no guard page below; the stacks of later
	 * tasks do (kernel/task.c). */
	.balign	THREAD_ALIGN
	.globl	boot_stack, boot_stack_top
boot_stack:
	.space	THREAD_SIZE
boot_stack_top:
