/* SPDX-License-Identifier: MIT */
/*
 * arch.h - THE contract between the portable kernel (kernel/) and each architecture (arch/<arch>/).
 *
 * Every function declared here is implemented once per architecture, in the file named next to
 * it, under arch/x86_64/, arch/arm64/ and arch/riscv64/ (the same file name in each folder, so
 * the three can be diffed). kernel/ never tests which architecture it runs on: when it needs to
 * know something arch-specific, the answer comes through this header or through the arch headers
 * it includes (<asm/...>). Linux's equivalent is spread over the asm/ headers; lk keeps the same
 * idea in arch/ops.h and Zephyr in arch_interface.h.
 *
 * The arch headers every arch provides (arch/<arch>/include/asm/):
 *   memlayout.h  virtual memory layout: PAGE_OFFSET (direct map of RAM), KERNEL_VBASE/PBASE (where
 *                the image is linked and loaded), VMAP_BASE/END (stacks, device mappings)
 *   pgtable.h    pte_t and the PTE encoders used by the portable walker (kernel/mm/pgtable.c)
 *   ptrace.h     struct pt_regs, the register frame saved on exception entry
 *   stacktrace.h where the frame-pointer record sits relative to the frame pointer
 *   cpu.h        struct arch_cpu, the arch part of the per-CPU area
 */
#ifndef TRISTACK_ARCH_H
#define TRISTACK_ARCH_H

#include <types.h>
#include <compiler.h>
#include <asm/memlayout.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include <asm/stacktrace.h>

struct boot_info;
struct cpu;
struct task;

/* ---------------------------------------------------------------- boot (setup.c) ------------ */

/*
 * First C function after boot.S. Runs on the boot stack, with interrupts off and the early
 * page tables of boot.S live (kernel image at KERNEL_VBASE, the first GiBs of RAM at PAGE_OFFSET).
 * It must: bring up the console, install the trap vectors (so a fault from here on prints a
 * panic instead of resetting the machine), and fill *bi from what the firmware handed over
 * (multiboot info on x86_64, the DTB on arm64 and riscv64): RAM regions, reserved regions,
 * command line. arg0/arg1 are the two registers boot.S received from the firmware.
 * A boot hand-off it cannot make sense of is a panic that says what is wrong.
 */
void arch_early_init(unsigned long arg0, unsigned long arg1, struct boot_info *bi);

/* Short name of the architecture, as the build and the tests call it: "x86_64" etc. */
extern const char arch_name[];

/* Writes a human-readable CPU model (vendor, model, features that matter here) into buf. */
void arch_cpu_model(char *buf, size_t size);

/* ----------------------------------------------------------------- MMU (mmu.c) --------------- */

/* One line describing the page-table format in use, e.g. "Sv39, 3 levels, 4 KiB pages". */
extern const char arch_mmu_format[];

/*
 * Switches from the early tables to the kernel's own page table, whose root is root_pa (built by
 * kernel/mm/vm.c with the portable walker; kernel_root already holds it). The devices used since
 * boot (console UART, exit device) are moved to ioremap() mappings in the new table in the same
 * step, so printk works before and after. After this returns the boot identity map is gone.
 */
void arch_mmu_switch_kernel(phys_addr_t root_pa);

/* Invalidates the TLB entry for one kernel virtual address on this CPU. */
void arch_tlb_flush_page(vaddr_t va);

/* Physical address of the page-table root the CPU uses now for kernel addresses. */
phys_addr_t arch_mmu_kernel_root(void);

/* ----------------------------------------------------------- console (console.c) ------------ */

/* Sends one byte to the boot console, waiting for room. Safe with interrupts off and in panic. */
void arch_console_putc(char c);

/* Returns the next received byte, or -1 if none is waiting. Never blocks. */
int arch_console_getc(void);

/* ---------------------------------------------------------- CPU control (setup.c) ----------- */

/* Disables interrupts on this CPU and returns the previous state for arch_irq_restore(). */
unsigned long arch_irq_save(void);
/* Restores the interrupt state returned by arch_irq_save(). */
void arch_irq_restore(unsigned long flags);
/* Waits for the next interrupt (hlt / wfi). */
void arch_wait_for_interrupt(void);

/*
 * Leaves QEMU with a status through the machine's exit device: x86_64 isa-debug-exit,
 * arm64 semihosting SYS_EXIT, riscv64 sifive_test. code is one of enum exit_code; the status the
 * shell sees for each code is listed in tests/qemu_runner.py (ARCHES) for each architecture.
 */
__noreturn void arch_exit(int code);

enum exit_code {
	EXIT_PASS = 0,	/* every test passed (or a clean power-off) */
	EXIT_FAIL = 1,	/* a test failed */
	EXIT_PANIC = 2, /* the kernel panicked */
};

/*
 * A free-running counter for measurements. Under QEMU's -icount shift=0,sleep=off one guest
 * instruction is one virtual nanosecond, and this counter then counts guest instructions since
 * the machine was reset (firmware included): x86_64 rdtsc, arm64 the virtual counter scaled to
 * nanoseconds, riscv64 rdinstret. Without -icount it follows host time and is only a clock.
 */
u64 arch_counter(void);

/* ------------------------------------------------------------ per-CPU data (setup.c) -------- */

/*
 * The per-CPU area of the CPU we run on. How it is found is each arch's own, as in Linux:
 * x86_64 through the GS base (%gs:0 holds the area's own address), arm64 through TPIDR_EL1,
 * riscv64 through tp, which holds the current task, whose ->cpu is the area.
 */
struct cpu *arch_this_cpu(void);

/* The task running on this CPU (x86_64: per-CPU variable, arm64: SP_EL0, riscv64: tp). */
struct task *arch_current(void);

/* --------------------------------------------------- registers and unwinding (entry.S) ------ */

/*
 * Fills *regs with the caller's registers as they are at the call (pc = the return address,
 * sp and frame pointer of the caller). Used by panic() to print registers and start a backtrace.
 */
void arch_capture_regs(struct pt_regs *regs);

/* Prints every register of *regs, one arch-specific layout. (trap.c) */
void arch_dump_regs(const struct pt_regs *regs);

#endif
