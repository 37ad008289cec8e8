/* SPDX-License-Identifier: MIT */
/*
 * arm64 boot. QEMU's -kernel loads the ELF at its physical addresses and starts the CPU at the
 * physical entry point, with the MMU and caches off:
 *   at EL1, or at EL2 with -M virt,virtualization=on (we then drop to EL1 ourselves);
 *   x0 = 0: no DTB pointer. QEMU puts the DTB at the start of RAM (0x40000000) when at least
 *   1 MiB is free below the kernel, which is why the kernel is loaded at 0x40200000.
 * Only one CPU runs here: QEMU holds the others off until a PSCI CPU_ON.
 *
 * The code below runs at physical addresses until [BOOT_JUMP_HIGH], so it uses only PC-relative
 * addressing (adr, adrp, ldr from a literal next to the code), never an absolute kernel address.
 * With the MMU off every data access is Device-nGnRnE: uncached, and faulting when unaligned.
 * Linux's equivalent is arch/arm64/kernel/head.S (primary_entry, init_kernel_el,
 * __cpu_setup, __primary_switch, __primary_switched).
 */
#include <asm-offsets.h>
#include <asm/memlayout.h>
#include <asm/thread.h>
#include <asm/pgtable.h>
#include <asm/sysreg.h>

/* Table indices of a virtual address: level 0 (512 GiB per entry, Linux's PGD) and level 1
 * (1 GiB per entry, Linux's PUD). Arm numbers levels from the root: these are its levels 0, 1. */
#define L0_INDEX(va) (((va) >> 39) & 511)
#define L1_INDEX(va) (((va) >> 30) & 511)

#define RAM_GIB  EARLY_DIRECT_MAP_BASE /* the GiB of RAM the kernel is loaded in */
#define DTB_PHYS EARLY_DIRECT_MAP_BASE /* where QEMU put the DTB: the start of RAM */

/* The level-1 entries of the direct map of RAM_GIB + n GiB, and their attributes: normal memory,
 * never executable (PXN). */
#define LINEAR_L1(n)     (L1_INDEX(PAGE_OFFSET + RAM_GIB) + (n))
#define PTE_EARLY_LINEAR (PTE_EARLY_NORMAL | PTE_PXN)

#define TCR_BOOT                                                                         \
	(TCR_T0SZ(VA_BITS) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K | \
	 TCR_T1SZ(VA_BITS) | TCR_IRGN1_WBWA | TCR_ORGN1_WBWA | TCR_SH1_INNER | TCR_TG1_4K)

/* Entry idx of table tbl points to the next-level table next. Both tables are page-aligned,
 * so adrp alone gives their (physical, for now) addresses. Clobbers x9, x10. */
.macro EARLY_TABLE tbl, idx, next
	adrp	x9, \tbl
	adrp	x10, \next
	orr	x10, x10, #PTE_TYPE_TABLE
	str	x10, [x9, #(\idx) * 8]
.endm

/* Entry idx of level-1 table tbl maps the 1 GiB block at physical pa with attributes attrs.
 * Clobbers x9, x10. */
.macro EARLY_BLOCK tbl, idx, pa, attrs
	adrp	x9, \tbl
	ldr	x10, =((\pa) | (\attrs))
	str	x10, [x9, #(\idx) * 8]
.endm

/* [BOOT_ENABLE_MMU]'s instructions, shared by the boot CPU and the secondary ones (each CPU has
 * its own MAIR, TCR, TTBRs and SCTLR). Clobbers x0-x2. */
.macro ENABLE_MMU
	ldr	x0, =MAIR_EL1_VALUE
	msr	mair_el1, x0
	ldr	x0, =TCR_BOOT
	mrs	x1, id_aa64mmfr0_el1
	and	x1, x1, #ID_AA64MMFR0_PARANGE_MASK
	mov	x2, #TCR_IPS_48BIT
	cmp	x1, x2
	csel	x1, x2, x1, hi
	bfi	x0, x1, #TCR_IPS_SHIFT, #3
	msr	tcr_el1, x0
	adrp	x0, idmap_pgd
	msr	ttbr0_el1, x0
	adrp	x0, init_pgd
	msr	ttbr1_el1, x0
	mov	x0, #CPACR_EL1_FPEN_ON
	msr	cpacr_el1, x0
	isb
	tlbi	vmalle1
	dsb	nsh
	ldr	x0, =SCTLR_EL1_MMU_ON
	msr	sctlr_el1, x0
	isb
	/* Instructions fetched before the switch may sit in the I-cache under their physical
	 * addresses: discard them. */
	ic	iallu
	dsb	nsh
	isb
.endm

	.section .head.text, "ax"
	.globl	_start
_start:
	/* [BOOT_ENTRY] Every exception and interrupt masked (PSTATE.DAIF) until we can take them:
	 * QEMU starts us so, but a real boot loader need not. */
	msr	daifset, #0xf
	mov	x19, x0			/* x0 from the loader, kept for start_kernel */
	mrs	x20, CurrentEL
	lsr	x20, x20, #2		/* the EL we were started in: 1, or 2 under a hypervisor */
	adr	x21, el1_entry		/* where el2_to_el1 goes on at EL1 */
	cmp	x20, #2
	b.eq	el2_to_el1
	cmp	x20, #1
	b.eq	el1_entry
	/* EL3 (-M virt,secure=on) would need a secure monitor's set-up first: not supported.
	 * There is no console to say so yet; wait forever (gdb shows the PC here). */
1:	wfe
	b	1b

	/* Started at EL2 (QEMU's virtualization=on): configure EL2 so that EL1 runs with nothing
	 * trapped, then "return" to EL1, at x21. eret takes the new PSTATE from SPSR_EL2 and the PC
	 * from ELR_EL2. Linux: init_kernel_el / init_el2 (without VHE: the kernel stays an EL1
	 * kernel). Secondary CPUs come here too, with their own x21. */
el2_to_el1:
	mov	x0, #HCR_EL2_RW		/* EL1 is AArch64; no stage 2, no trapping of EL1 */
	msr	hcr_el2, x0
	mrs	x0, cnthctl_el2		/* EL1 may use the physical counter and timer */
	orr	x0, x0, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr	/* virtual counter = physical counter (reset value UNKNOWN) */
	mov	x0, #CPTR_EL2_DEFAULT	/* FP/SIMD not trapped to EL2: CPACR_EL1 decides */
	msr	cptr_el2, x0
	msr	hstr_el2, xzr		/* no AArch32 system register traps */
	/* EL1 reads MIDR_EL1/MPIDR_EL1 from these: give it the real values. */
	mrs	x0, midr_el1
	msr	vpidr_el2, x0
	mrs	x0, mpidr_el1
	msr	vmpidr_el2, x0
	/* With a GICv3 (-M virt,gic-version=3) EL1 may only use its CPU interface through system
	 * registers if EL2 allows it (ICC_SRE_EL2.Enable). */
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #ID_AA64PFR0_GIC_SHIFT, #4
	cbz	x0, 2f
	mrs	x0, SYS_ICC_SRE_EL2
	mov	x1, #(ICC_SRE_EL2_SRE | ICC_SRE_EL2_ENABLE) /* 0b1001: not an orr immediate */
	orr	x0, x0, x1
	msr	SYS_ICC_SRE_EL2, x0
	isb
2:	ldr	x0, =SCTLR_EL1_MMU_OFF	/* EL1's MMU off: its reset value is UNKNOWN */
	msr	sctlr_el1, x0
	mov	x0, #(PSR_DAIF | PSR_MODE_EL1h) /* EL1 on SP_EL1, everything masked */
	msr	spsr_el2, x0
	msr	elr_el2, x21
	eret

el1_entry:
	/* EL1 runs on its own stack pointer, SP_EL1 (the "h" in EL1h): SP_EL0 will hold the
	 * current task instead, as in Linux. */
	msr	spsel, #1

	/* [BOOT_CLEAR_BSS] The C code expects zeroed .bss; the early page tables live there.
	 * _bss_start and _bss_end are page-aligned, so 16-byte stores fit exactly (and are
	 * aligned, as Device memory requires). */
	adrp	x0, _bss_start
	add	x0, x0, :lo12:_bss_start
	adrp	x1, _bss_end
	add	x1, x1, :lo12:_bss_end
3:	cmp	x0, x1
	b.hs	4f
	stp	xzr, xzr, [x0], #16
	b	3b
4:	adrp	x0, boot_entry_el	/* for the banner: who started us, at which EL */
	str	x20, [x0, :lo12:boot_entry_el]

	/* [BOOT_EARLY_PAGE_TABLES] Two roots, one per half of the address space, made of 1 GiB
	 * blocks at level 1:
	 *   TTBR0 (low half, used only until the kernel's own table is live):
	 *     - identity map of the GiB we run in, so the instruction after the MMU is switched on
	 *       still fetches (the PC is a physical address until [BOOT_JUMP_HIGH]);
	 *     - identity map of GiB 0 (QEMU virt's devices) as Device-nGnRnE, for the early console;
	 *   TTBR1 (high half, the kernel's):
	 *     - the kernel image window: the GiB at KERNEL_VBASE's 1 GiB boundary
	 *       (0xffffffff80000000) -> the RAM GiB (0x40000000), so KERNEL_VBASE -> KERNEL_PBASE;
	 *     - 4 GiB of physical memory from the RAM GiB in the direct map at PAGE_OFFSET + pa, so C
	 *       code can reach the DTB and the page allocator's bitmap before it builds the real
	 *       page table (kernel/mm/vm.c). Never executable. Whatever of those 4 GiB is not RAM is
	 *       never touched. */
	EARLY_TABLE idmap_pgd, 0, idmap_pud
	EARLY_BLOCK idmap_pud, L1_INDEX(RAM_GIB), RAM_GIB, PTE_EARLY_NORMAL
	EARLY_BLOCK idmap_pud, 0, 0, PTE_EARLY_DEVICE

	EARLY_TABLE init_pgd, L0_INDEX(KERNEL_VBASE), init_pud_kimage
	EARLY_BLOCK init_pud_kimage, L1_INDEX(KERNEL_VBASE), RAM_GIB, PTE_EARLY_NORMAL
	EARLY_TABLE init_pgd, L0_INDEX(PAGE_OFFSET + RAM_GIB), init_pud_linear
	EARLY_BLOCK init_pud_linear, LINEAR_L1(0), RAM_GIB + 0 * SZ_1G, PTE_EARLY_LINEAR
	EARLY_BLOCK init_pud_linear, LINEAR_L1(1), RAM_GIB + 1 * SZ_1G, PTE_EARLY_LINEAR
	EARLY_BLOCK init_pud_linear, LINEAR_L1(2), RAM_GIB + 2 * SZ_1G, PTE_EARLY_LINEAR
	EARLY_BLOCK init_pud_linear, LINEAR_L1(3), RAM_GIB + 3 * SZ_1G, PTE_EARLY_LINEAR

	/* Everything in .bss (tables, stack, boot_entry_el) was just written with the data cache
	 * off, straight to memory. Once the MMU is on, the same addresses are read through the
	 * cache, which may still hold stale lines for them from before we ran: invalidate those
	 * lines (to the point of coherency), one cache line at a time. The line size is
	 * CTR_EL0.DminLine, log2 of the number of 4-byte words. QEMU has no caches to be stale,
	 * real hardware does. Linux: dcache_inval_poc on its early tables. */
	dsb	sy
	adrp	x0, _bss_start
	add	x0, x0, :lo12:_bss_start
	adrp	x1, _bss_end
	add	x1, x1, :lo12:_bss_end
	mrs	x2, ctr_el0
	ubfx	x2, x2, #16, #4
	mov	x3, #4
	lsl	x3, x3, x2		/* smallest D-cache line, in bytes */
	sub	x4, x3, #1
	bic	x0, x0, x4
5:	dc	ivac, x0
	add	x0, x0, x3
	cmp	x0, x1
	b.lo	5b
	dsb	sy

	/* [BOOT_ENABLE_MMU] Linux: __cpu_setup, then __enable_mmu.
	 *  - MAIR_EL1: the memory types an entry's AttrIndx selects (asm/pgtable.h).
	 *  - TCR_EL1: 48-bit halves (T0SZ = T1SZ = 16), 4 KiB granules, table walks cacheable and
	 *    inner shareable, and the physical address size (IPS) the CPU has, from
	 *    ID_AA64MMFR0_EL1.PARange, capped at 48 bits, the most a 4 KiB granule can output
	 *    without FEAT_LPA2 (-cpu max reports 52).
	 *  - TTBR0/1_EL1: the two roots.
	 *  - CPACR_EL1.FPEN on: user programs use FP/SIMD, whose registers the kernel keeps per
	 *    process (fpu.S); SVE still traps.
	 * Then drop any TLB entries left from before (firmware), and only then set SCTLR_EL1.M
	 * (with the caches, C and I, and SP alignment checking, SA). The ISBs make each system
	 * register write take effect before the next instruction. */
	ENABLE_MMU

	/* [BOOT_JUMP_HIGH] Load the absolute (upper-half) address of start_high and go there: from
	 * now on PC-relative addresses are kernel virtual addresses. The literal is read with a
	 * PC-relative load, so this works at either address. */
	ldr	x0, .Lstart_high
	br	x0

	.balign	8
.Lstart_high:
	.quad	start_high
	.ltorg				/* the literal pool of the ldr x, =value above */

/*
 * [BOOT_SECONDARY] Where a secondary CPU starts, at this physical address, after PSCI CPU_ON
 * (setup.c): MMU off, at the EL the boot CPU was started in, x0 = the context id (unused).
 * The same steps as the boot CPU without the ones done once for all (.bss, the early tables),
 * then the kernel's own page table and the idle task's stack from smp_boot_args (kernel/smp.c).
 * Linux: secondary_entry, secondary_startup, __secondary_switched.
 */
	.globl	secondary_entry
secondary_entry:
	/* [BOOT_ENTRY] */
	msr	daifset, #0xf
	adr	x21, secondary_el1
	mrs	x20, CurrentEL
	lsr	x20, x20, #2
	cmp	x20, #2
	b.eq	el2_to_el1
	cmp	x20, #1
	b.eq	secondary_el1
7:	wfe
	b	7b
secondary_el1:
	msr	spsel, #1
	/* [BOOT_ENABLE_MMU] with the early tables the boot CPU built. */
	ENABLE_MMU
	/* [BOOT_JUMP_HIGH] */
	ldr	x0, .Lsecondary_high
	br	x0
	.balign	8
.Lsecondary_high:
	.quad	secondary_high
	.ltorg

	.text
start_high:
	/* [BOOT_STACK] The boot stack (SP_EL1); SP_EL0 = the current task, and TPIDR_EL1 = this
	 * CPU's per-CPU area, both from the first line of C on (Linux keeps `current` in SP_EL0
	 * and the per-CPU offset in TPIDR_EL1). start_kernel() fills cpus[0] itself. */
	adrp	x0, boot_stack_top
	add	x0, x0, :lo12:boot_stack_top
	mov	sp, x0
	adrp	x0, init_task
	add	x0, x0, :lo12:init_task
	msr	sp_el0, x0
	adrp	x0, cpus
	add	x0, x0, :lo12:cpus
	msr	tpidr_el1, x0

	/* [BOOT_TRAP_VECTOR] Any exception from here on reaches entry.S's vectors and panics with a
	 * message, instead of jumping to whatever VBAR_EL1 held at reset. */
	adrp	x0, vectors
	add	x0, x0, :lo12:vectors
	msr	vbar_el1, x0
	isb

	/* [BOOT_CALL_C] start_kernel(x0 from the loader, DTB physical address); it never returns.
	 * x29 = 0 and lr = 0 end the frame-pointer chain: the unwinder stops at start_kernel. */
	mov	x0, x19
	ldr	x1, =DTB_PHYS
	mov	x29, xzr
	mov	x30, xzr
	bl	start_kernel
6:	wfi
	b	6b
	.ltorg

secondary_high:
	/* [BOOT_KERNEL_TABLE] The kernel's own page table in TTBR1 and no walks through TTBR0 (the
	 * identity map), then every translation of the early tables dropped: what
	 * arch_mmu_switch_kernel() did on the boot CPU (mmu.c). */
	adrp	x19, smp_boot_args
	add	x19, x19, :lo12:smp_boot_args
	ldr	x0, [x19, #SMP_BOOT_KERNEL_ROOT]
	dsb	ishst
	msr	ttbr1_el1, x0
	mrs	x0, tcr_el1
	orr	x0, x0, #TCR_EPD0
	msr	tcr_el1, x0
	isb
	tlbi	vmalle1
	dsb	ish
	isb
	/* [BOOT_STACK] The idle task's stack, SP_EL0 = the idle task (current), TPIDR_EL1 = this
	 * CPU's per-CPU area. */
	ldr	x0, [x19, #SMP_BOOT_STACK_TOP]
	mov	sp, x0
	ldr	x0, [x19, #SMP_BOOT_IDLE]
	msr	sp_el0, x0
	ldr	x20, [x19, #SMP_BOOT_CPU]
	msr	tpidr_el1, x20
	/* [BOOT_TRAP_VECTOR] */
	adrp	x0, vectors
	add	x0, x0, :lo12:vectors
	msr	vbar_el1, x0
	isb
	/* [BOOT_CALL_C] secondary_start_kernel(cpu); it never returns. */
	mov	x0, x20
	mov	x29, xzr
	mov	x30, xzr
	bl	secondary_start_kernel
8:	wfi
	b	8b

	.section .bss
	.balign	4096
	/* Early page tables: TTBR0's root and level-1 table (identity map), TTBR1's root and its
	 * two level-1 tables (direct map, kernel image). Linux: init_idmap_pg_dir, init_pg_dir. */
idmap_pgd:
	.space	4096
idmap_pud:
	.space	4096
init_pgd:
	.space	4096
init_pud_linear:
	.space	4096
init_pud_kimage:
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
	.balign	8
	.globl	boot_entry_el
boot_entry_el:
	.space	8
