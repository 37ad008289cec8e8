/* SPDX-License-Identifier: MIT */
/*
 * x86_64 boot. A multiboot loader (QEMU's -kernel, or GRUB) loads the image at its physical
 * addresses and jumps to _start in 32-bit protected mode, paging off, interrupts off:
 *   eax = 0x2BADB002 (multiboot1) or 0x36D76289 (multiboot2), ebx = physical address of the
 *   multiboot information.
 * We must get to 64-bit long mode ourselves: a GDT with a 64-bit code segment, page tables
 * (long mode cannot run without paging), EFER.LME, CR0.PG, then a far jump into 64-bit code.
 *
 * The code runs at physical addresses until [BOOT_JUMP_HIGH]; the image is linked in the upper
 * half, so every symbol used before that is written `sym - KIMAGE_OFFSET` (its physical address).
 * Linux's equivalents: arch/x86/boot/compressed/head_64.S and arch/x86/kernel/head_64.S.
 */
#include <asm-offsets.h>
#include <asm/memlayout.h>
#include <asm/x86.h>

#define KIMAGE_OFFSET (KERNEL_VBASE - KERNEL_PBASE)
#define PHYS(sym)     ((sym) - KIMAGE_OFFSET)

#define MB1_MAGIC  0x1BADB002
#define MB1_FLAGS  0x00000003 /* bit 0: page-align modules, bit 1: give us the memory map */
#define MB2_MAGIC  0xE85250D6
#define MB2_ARCH   0          /* i386 protected mode */

/* Early page-table entry bits: present, writable, and for 2 MiB entries "page size". */
#define EARLY_TABLE 0x003 /* P RW */
#define EARLY_2M    0x083 /* P RW PS */

/* [BOOT_ENABLE_MMU]'s instructions, shared by the boot CPU and the application processors
 * (CR0, CR3, CR4 and EFER are per CPU). edi = CPUID 0x80000001's EDX (the NX bit). Clobbers
 * eax, ecx, edx. */
.macro ENABLE_MMU
	mov	%cr4, %eax
	or	$X86_CR4_PAE, %eax
	mov	%eax, %cr4
	mov	$PHYS(early_pml4), %eax
	mov	%eax, %cr3
	mov	$MSR_EFER, %ecx
	rdmsr
	or	$EFER_LME, %eax
	test	$CPUID_80000001_EDX_NX, %edi
	jz	3f
	or	$EFER_NXE, %eax
3:	wrmsr
	mov	%cr0, %eax
	or	$(X86_CR0_PG | X86_CR0_WP | X86_CR0_PE), %eax
	mov	%eax, %cr0
.endm

	.section .head.text, "ax"
	.code32

	/* The multiboot1 header must be in the first 8 KiB of the file, 4-byte aligned. */
	.balign	4
mb1_header:
	.long	MB1_MAGIC
	.long	MB1_FLAGS
	.long	-(MB1_MAGIC + MB1_FLAGS)

	/* The multiboot2 header (first 32 KiB, 8-byte aligned), so GRUB's multiboot2 command can
	 * load the 64-bit ELF directly: magic, arch, length, checksum, then only the end tag. */
	.balign	8
mb2_header:
	.long	MB2_MAGIC
	.long	MB2_ARCH
	.long	mb2_header_end - mb2_header
	.long	-(MB2_MAGIC + MB2_ARCH + (mb2_header_end - mb2_header))
	.short	0, 0			/* end tag: type 0, flags 0 */
	.long	8			/* size 8 */
mb2_header_end:

	.globl	_start
_start:
	/* [BOOT_ENTRY] Keep the loader's eax (magic) and ebx (info pointer) in ebp and esi. */
	cli
	cld
	mov	%eax, %ebp
	mov	%ebx, %esi

	/* Our own GDT and a zero-length IDT before anything can fault: the firmware's IDT is
	 * still loaded and a fault through it hangs; with an empty IDT a fault triple-faults,
	 * and QEMU -no-reboot then exits instead of hanging. */
	lgdt	PHYS(early_gdt_desc32)
	lidt	PHYS(null_idt_desc)
	mov	$KERNEL_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	ljmp	$KERNEL_CS32, $PHYS(1f)
1:
	/* Long mode needs a CPU that has it (CPUID 0x80000001 EDX bit 29); say so if not. */
	mov	$0x80000000, %eax
	cpuid
	cmp	$0x80000001, %eax
	jb	no_long_mode
	mov	$0x80000001, %eax
	cpuid
	test	$CPUID_80000001_EDX_LM, %edx
	jz	no_long_mode
	mov	%edx, %edi		/* keep the feature bits: NX is tested below */

	/* [BOOT_CLEAR_BSS] The C code expects zeroed .bss; the early page tables live there. */
	push	%edi
	mov	$PHYS(_bss_start), %edi
	mov	$PHYS(_bss_end), %ecx
	sub	%edi, %ecx
	shr	$2, %ecx
	xor	%eax, %eax
	rep stosl
	pop	%edi

	/* [BOOT_EARLY_PAGE_TABLES] 2 MiB pages over the first 4 GiB of physical memory (four
	 * page directories), reachable three ways:
	 *   PML4[0]   -> identity map, so the instruction after enabling paging still fetches;
	 *   PML4[273] -> the same tables at PAGE_OFFSET: the direct map C code uses until
	 *                kernel/mm/vm.c builds the real page table;
	 *   PML4[511] -> PDPT entry 510 maps the first GiB at 0xffffffff80000000, the kernel
	 *                image's window (KERNEL_VBASE - KERNEL_PBASE).
	 * Everything is writable and executable for now; vm_init() replaces it with W^X. */
	mov	$PHYS(early_pd), %ebx
	xor	%ecx, %ecx
2:	mov	%ecx, %eax
	shl	$21, %eax		/* low 32 bits of 2 MiB * index */
	or	$EARLY_2M, %eax
	mov	%ecx, %edx
	shr	$11, %edx		/* high bits: index >> 11 = GiB / 4 */
	mov	%eax, (%ebx, %ecx, 8)
	mov	%edx, 4(%ebx, %ecx, 8)
	inc	%ecx
	cmp	$2048, %ecx
	jb	2b

	mov	$PHYS(early_pdpt_low), %ebx
	mov	$PHYS(early_pd) + EARLY_TABLE, %eax
	mov	%eax, 0(%ebx)
	add	$4096, %eax
	mov	%eax, 8(%ebx)
	add	$4096, %eax
	mov	%eax, 16(%ebx)
	add	$4096, %eax
	mov	%eax, 24(%ebx)

	mov	$PHYS(early_pdpt_high), %ebx
	movl	$PHYS(early_pd) + EARLY_TABLE, ((KERNEL_VBASE >> 30) & 511) * 8(%ebx)

	mov	$PHYS(early_pml4), %ebx
	movl	$PHYS(early_pdpt_low) + EARLY_TABLE, 0(%ebx)
	movl	$PHYS(early_pdpt_low) + EARLY_TABLE, ((PAGE_OFFSET >> 39) & 511) * 8(%ebx)
	movl	$PHYS(early_pdpt_high) + EARLY_TABLE, ((KERNEL_VBASE >> 39) & 511) * 8(%ebx)

	/* [BOOT_ENABLE_MMU] PAE paging with the PML4 in CR3, long mode (EFER.LME) and, if the
	 * CPU has it, no-execute (EFER.NXE) for W^X later; then paging on. CR0.WP makes
	 * read-only pages read-only for the kernel too. */
	ENABLE_MMU

	/* [BOOT_JUMP_HIGH] A far jump through the 64-bit code segment enters long mode (still
	 * at a physical address); from there an absolute jump reaches the upper half. */
	ljmp	$KERNEL_CS, $PHYS(start64)

no_long_mode:
	/* No long mode: tell the serial port (COM1 needs no setup under QEMU) and stop. */
	mov	$PHYS(no_lm_msg), %esi
	mov	$0x3f8, %dx
4:	lodsb
	test	%al, %al
	jz	5f
	out	%al, %dx
	jmp	4b
5:	hlt
	jmp	5b

	.code64
start64:
	movabs	$start_high, %rax
	jmp	*%rax

/*
 * [BOOT_SECONDARY] An application processor: the INIT-SIPI-SIPI of arch_cpu_start() (setup.c)
 * starts it in real mode at the trampoline below, copied to TRAMPOLINE_PHYS (a page below
 * 1 MiB, as SIPI's 8-bit vector can only name such a page: CS = vector << 8, IP = 0). The
 * trampoline goes to protected mode with the boot GDT and jumps into the image at ap_start32:
 * the same steps as the boot CPU from there, without the ones done once for all (.bss, the
 * early tables), then the kernel's own page table and the idle task's stack from smp_boot_args
 * (kernel/smp.c). Linux: trampoline_64.S (trampoline_start, startup_32, startup_64) and
 * secondary_startup_64.
 */
	/* In .rodata, not in a text section: the image never runs it where it lies (it is
	 * copied), and disassemblers would read its 16-bit code as 64-bit instructions. */
	.pushsection .rodata
	.code16
	.globl	trampoline_start, trampoline_end
trampoline_start:
	/* [BOOT_ENTRY] CS = TRAMPOLINE_PHYS >> 4; the GDT descriptor below is addressed through
	 * it, the rest of the way with absolute (physical) addresses. */
	cli
	cld
	lgdtl	%cs:(trampoline_gdt_desc - trampoline_start)
	mov	%cr0, %eax
	or	$X86_CR0_PE, %eax
	mov	%eax, %cr0
	ljmpl	$KERNEL_CS32, $PHYS(ap_start32)
	.balign	8
trampoline_gdt_desc:			/* lgdt in 16-bit code with a 32-bit base: the boot GDT */
	.short	early_gdt_end - early_gdt - 1
	.long	PHYS(early_gdt)
trampoline_end:
	.popsection

	.code32
ap_start32:
	mov	$KERNEL_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	lidt	PHYS(null_idt_desc)
	/* The NX bit for ENABLE_MMU: this CPU's own CPUID (the boot CPU checked long mode). */
	mov	$0x80000001, %eax
	cpuid
	mov	%edx, %edi
	/* [BOOT_ENABLE_MMU] with the early tables the boot CPU built. */
	ENABLE_MMU
	/* [BOOT_JUMP_HIGH] */
	ljmp	$KERNEL_CS, $PHYS(ap_start64)
	.code64
ap_start64:
	movabs	$secondary_high, %rax
	jmp	*%rax

	.text
start_high:
	/* Reload the GDT through its upper-half address: the identity map that holds the
	 * physical one is about to go away, and the CPU reads the GDT on every segment load. */
	lgdt	early_gdt_desc(%rip)
	mov	$KERNEL_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	xor	%eax, %eax
	mov	%eax, %fs
	mov	%eax, %gs

	/* [BOOT_STACK] The boot stack, and the per-CPU area in GS: %gs:0 is the area's own
	 * address (struct cpu.self), as Linux keeps per-CPU data at the GS base. */
	lea	boot_stack_top(%rip), %rsp
	lea	cpus(%rip), %rax
	mov	%rax, %rdx
	shr	$32, %rdx
	mov	$MSR_GS_BASE, %ecx
	wrmsr

	/* [BOOT_TRAP_VECTOR] Fill and load the real IDT (trap.c) before any C code can fault.
	 * The loader's values move to callee-saved registers first: a C call may clobber
	 * rsi (and the 32-bit-only registers held them until now). */
	mov	%ebp, %r12d		/* multiboot magic; a 32-bit mov zero-extends */
	mov	%esi, %r13d		/* multiboot information */
	call	idt_init

	/* [BOOT_CALL_C] start_kernel(multiboot magic, multiboot info physical address). */
	mov	%r12, %rdi
	mov	%r13, %rsi
	xor	%ebp, %ebp		/* end of the frame-pointer chain */
	call	start_kernel
6:	hlt
	jmp	6b

secondary_high:
	lgdt	early_gdt_desc(%rip)
	mov	$KERNEL_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	xor	%eax, %eax
	mov	%eax, %fs
	mov	%eax, %gs
	/* [BOOT_KERNEL_TABLE] The kernel's own page table, as arch_mmu_switch_kernel() loaded it on
	 * the boot CPU (mmu.c). */
	lea	smp_boot_args(%rip), %rbx
	mov	SMP_BOOT_KERNEL_ROOT(%rbx), %rax
	mov	%rax, %cr3
	/* [BOOT_STACK] The idle task's stack, and GS base = this CPU's per-CPU area. */
	mov	SMP_BOOT_STACK_TOP(%rbx), %rsp
	mov	SMP_BOOT_CPU(%rbx), %r12
	mov	%r12, %rax
	mov	%r12, %rdx
	shr	$32, %rdx
	mov	$MSR_GS_BASE, %ecx
	wrmsr
	/* [BOOT_TRAP_VECTOR] The IDT the boot CPU filled (trap.c). */
	call	idt_load
	/* [BOOT_CALL_C] secondary_start_kernel(cpu); it never returns. */
	mov	%r12, %rdi
	xor	%ebp, %ebp
	call	secondary_start_kernel
7:	hlt
	jmp	7b

	.section .rodata
no_lm_msg:
	.asciz	"tristack: this CPU has no 64-bit long mode; use qemu-system-x86_64\r\n"

	/* GDT: null, 64-bit kernel code (0x08), kernel data (0x10), 32-bit kernel code (0x18)
	 * for the stretch of protected-mode code above. Long mode ignores base and limit.
	 * In .data, not .rodata: the CPU sets a descriptor's Accessed bit when it loads it,
	 * which is a write (the bits are preset here, 0x9b/0x93, so it does not need to). */
	.data
	.balign	16
early_gdt:
	.quad	0
	.quad	0x00af9b000000ffff	/* 0x08: code, DPL 0, L=1 (64-bit) */
	.quad	0x00cf93000000ffff	/* 0x10: data, DPL 0, writable */
	.quad	0x00cf9b000000ffff	/* 0x18: code, DPL 0, D=1 (32-bit) */
early_gdt_end:

	.balign	8
early_gdt_desc32:			/* for lgdt in 32-bit mode: 16-bit limit, 32-bit base */
	.short	early_gdt_end - early_gdt - 1
	.long	PHYS(early_gdt)
	.balign	8
early_gdt_desc:				/* for lgdt in 64-bit mode: 64-bit base */
	.short	early_gdt_end - early_gdt - 1
	.quad	early_gdt
	.balign	8
null_idt_desc:
	.short	0
	.long	0

	.section .bss
	.balign	4096
early_pml4:
	.space	4096
early_pdpt_low:
	.space	4096
early_pdpt_high:
	.space	4096
early_pd:
	.space	4 * 4096
	/* The boot stack is init_task's kernel stack: THREAD_SIZE bytes aligned to THREAD_SIZE,
	 * like every task stack (arm64 finds out whether SP is on the task stack by its high
	 * bits). It has no guard page below; the stacks of later tasks do (kernel/mm/vmap.c). */
	.balign	THREAD_SIZE
	.globl	boot_stack, boot_stack_top
boot_stack:
	.space	THREAD_SIZE
boot_stack_top:
