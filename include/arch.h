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
 *   irq.h        NR_IRQS; IRQ_SOFT (an IRQ software can raise on this CPU) and TIMER_IRQ;
 *                ARCH_HAS_IRQ_STACK (1 if interrupts taken in the kernel move to the per-CPU
 *                IRQ stack); ARCH_HAS_OVERFLOW_STACK (1 if a kernel stack overflow is reported
 *                on a per-CPU overflow stack the entry code moves to, as arm64 and riscv64 do;
 *                0 where the CPU itself changes stacks, x86_64's #DF on its IST stack)
 *   elf.h        ELF_MACHINE, the e_machine of this arch's user programs (EM_X86_64,
 *                EM_AARCH64, EM_RISCV from <elf.h>), which the ELF checker demands
 *   current.h    arch_this_cpu() and arch_current(), inline (below)
 *   irqflags.h   arch_irq_save() and arch_irq_restore(), inline (below)
 *   thread.h     struct thread, a task's saved context (switch.S), in struct task
 *   sstrace.h the TRACE_* macros of the stack-switch tracer for the entry code, and the
 *                sequences it must record on each path (STACKS_*, checked by ktest=stacks)
 *   board.h      the machine's fixed facts the arch code uses (QEMU's devices and addresses)
 *
 * and, in ptrace.h, on a struct pt_regs: instruction_pointer(), instruction_pointer_set(),
 * stack_pointer(), frame_pointer(); user_mode() (did the trap come from user mode?); and the
 * system-call ABI: syscall_nr(), syscall_arg(regs, n) for n = 0..5, syscall_set_return().
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

/* ------------------------------------------------------- the other CPUs (setup.c) ---------- */

/*
 * Starts the secondary CPU c (c->id, c->hwid = the id the firmware gave it in
 * boot_info.cpu_hwid) at the arch's secondary entry in boot.S. kernel/smp.c has prepared its
 * per-CPU area, idle task and stacks, and filled smp_boot_args (include/smp.h), which the entry
 * reads: it turns the MMU on with boot.S's early tables ([BOOT_ENABLE_MMU], the same steps as
 * the boot CPU), jumps to the kernel's addresses, loads the kernel's own page table
 * (smp_boot_args.kernel_root) and the idle task's stack, and calls secondary_start_kernel(c).
 *   x86_64   INIT-SIPI-SIPI through the local APIC to a real-mode trampoline copied to a page
 *            below 1 MiB, which goes to protected and long mode (Linux: do_boot_cpu(),
 *            trampoline_64.S);
 *   arm64    PSCI CPU_ON, by hvc or smc as the device tree's psci node says (Linux:
 *            cpu_psci_cpu_boot());
 *   riscv64  SBI HSM hart_start (Linux: sbi_cpu_start()).
 * Returns 0 once the request was made, or a negative errno when the firmware refused it (its
 * answer printed). 0 does not mean the CPU came up: the caller waits for c->online.
 */
int arch_cpu_start(struct cpu *c);

/*
 * The first C code on a secondary CPU, called by secondary_start_kernel() on the idle task's
 * stack, interrupts off: what arch_early_init(), arch_irq_init(), arch_timer_init() and
 * arch_user_init() did for the boot CPU, for this CPU's own registers: the trap vectors and
 * per-CPU registers (x86_64: GDT, TSS with its IST and ENTRY stacks, IDT, GS base, the SYSCALL
 * MSRs, CR4 bits; arm64: VBAR_EL1, PAN; riscv64: stvec, sscratch = 0, the counters), its
 * interface to the interrupt controller (the LAPIC, the GIC CPU interface or redistributor,
 * the PLIC's context) and its timer, ticking at HZ. A CPU that lacks something the boot CPU
 * had is a panic that says what.
 */
void arch_secondary_init(struct cpu *c);

/*
 * Sends the inter-processor interrupt IRQ_IPI (asm/irq.h) to CPU target, whose handler is
 * smp_ipi_interrupt() (kernel/smp.c). nmi: deliver it even if the target has interrupts off,
 * where the arch can (for a panic's stop): x86_64 sends an NMI, which the NMI handler passes on;
 * arm64 and riscv64 have no NMI here and send the ordinary IPI. (irqchip.c)
 *   x86_64   a fixed IPI through the local APIC's ICR, to the target's APIC id;
 *   arm64    an SGI: GICv2 GICD_SGIR with the target's CPU-interface bit, GICv3 ICC_SGI1R_EL1
 *            with its affinity;
 *   riscv64  SBI IPI send_ipi(hart mask), which sets the target's sip.SSIP: the supervisor
 *            software interrupt, shared with IRQ_SOFT, told apart by a per-CPU flag.
 */
void arch_send_ipi(struct cpu *target, bool nmi);

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

/*
 * Makes root (a process's page-table root, made by mm_create()) the translation of user
 * addresses on this CPU, with no stale user entries left in the TLB: x86_64 loads CR3 with it
 * (its upper half is the kernel's), riscv64 satp, arm64 TTBR0_EL1. root 0: no user space, for a
 * kernel thread (x86_64 and riscv64 load the kernel's own root, arm64 stops TTBR0 walks).
 * (mmu.c)
 */
void arch_mm_activate(phys_addr_t root);

/* Invalidates the TLB entry for one kernel virtual address on this CPU. */
void arch_tlb_flush_page(vaddr_t va);

/*
 * Invalidates the TLB entry for one kernel virtual address on every CPU, if the architecture
 * can do that from one CPU, and returns true; else does nothing and returns false, and the
 * caller sends every other CPU an IPI to flush its own (smp_flush_tlb_kernel_range()). arm64:
 * TLBI VAALE1IS, broadcast to the inner-shareable domain (Linux: flush_tlb_kernel_range());
 * x86_64 has no broadcast (INVLPG is local; Linux: IPIs); riscv64's SFENCE.VMA is local too (an
 * SBI RFENCE call could ask the firmware to do the IPIs; this kernel sends its own). (mmu.c)
 */
bool arch_tlb_flush_page_all(vaddr_t va);

/* Physical address of the page-table root the CPU uses now for kernel addresses. */
phys_addr_t arch_mmu_kernel_root(void);

/* ----------------------------------------------------------- console (console.c) ------------ */

/* Sends one byte to the boot console, waiting for room. Safe with interrupts off and in panic. */
void arch_console_putc(char c);

/* Returns the next received byte, or -1 if none is waiting. Never blocks. */
int arch_console_getc(void);

/* ---------------------------------------------------------- CPU control (setup.c) ----------- */

/*
 * static inline unsigned long arch_irq_save(void): disables interrupts on this CPU and returns
 * the previous state for arch_irq_restore(). static inline void arch_irq_restore(unsigned long
 * flags): restores it. Inline, in each arch's asm/irqflags.h: every spinlock takes them.
 */
#include <asm/irqflags.h>
/* Waits for the next interrupt (hlt / wfi). */
void arch_wait_for_interrupt(void);
/*
 * Called with interrupts off, after the caller found nothing to do: sleeps until an interrupt
 * is pending, lets it be taken, and returns with interrupts off again. No wake-up is lost: an
 * interrupt that arrived after the caller's last look (interrupts off) ends the sleep at once,
 * where arch_wait_for_interrupt() with interrupts on could sleep through to the next one.
 * x86_64 "sti; hlt; cli" (sti takes effect after the next instruction, so hlt starts with
 * interrupts still off and wakes on any pending); arm64 and riscv64 wfi with interrupts masked,
 * which wakes on a pending one without taking it, then unmask and mask. It is also what hands
 * the host thread to the other virtual CPUs under QEMU's -icount round robin, which spinning
 * does not on riscv64 (docs/numbers.md, "SMP rows"). Linux: safe_halt() on x86,
 * cpu_do_idle() then local_irq_enable() on arm64 and riscv.
 */
void arch_idle(void);

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

/* ---------------------------------------------------- memory ordering (setup.c) ----------- */

/*
 * How CPUs see each other's memory accesses. Portable code orders them with the compiler's C11
 * atomics (__atomic_load_n(..., __ATOMIC_ACQUIRE), __atomic_store_n(..., __ATOMIC_RELEASE),
 * __atomic_fetch_add, __atomic_thread_fence), never with an arch instruction of its own; the
 * compiler emits what each memory model needs:
 *   x86_64   TSO (total store order): loads are not reordered with loads nor stores with
 *            stores; the one reordering another CPU can see is a load done before an earlier
 *            store to a different address (the store buffer). So acquire and release are plain
 *            MOVs, atomic read-modify-writes are LOCK-prefixed (XADD, CMPXCHG; XCHG is locked by
 *            itself) and full fences, and only a sequentially consistent store or fence needs
 *            MFENCE or XCHG.
 *   arm64    weakly ordered: any two accesses to different addresses may be seen out of order
 *            by another CPU. Acquire is LDAR (or LDAXR in an exclusive pair), release STLR
 *            (STLXR); -mno-outline-atomics keeps the read-modify-writes inline as
 *            LDAXR/STLXR loops (Armv8.0 has no LSE atomics); a full fence is DMB ISH.
 *   riscv64  RVWMO, weakly ordered like arm64: atomics are AMOs (the A extension) with .aq/.rl
 *            bits, or LR/SC; plain acquire loads and release stores become `fence r,rw` after
 *            the load and `fence rw,w` before the store; a full fence is `fence rw,rw`.
 * Device registers are ordered separately, by each driver's accessors (asm/io.h, the PLIC's
 * fences): a normal-memory fence does not order MMIO on arm64 or riscv64.
 * Spinlocks (include/spinlock.h) are acquire on taking and release on dropping, so code inside
 * a critical section never needs a fence of its own.
 */

/* A hint for a busy-wait loop that it spins: x86_64 PAUSE, arm64 YIELD, riscv64 PAUSE
 * (Zihintpause; a no-op where the CPU lacks it). It saves power and, on a CPU with SMT, gives
 * the sibling thread the pipeline. */
void arch_cpu_relax(void);

/* ---------------------------------------------------- per-CPU data (asm/current.h) -------- */

/*
 * static inline struct cpu *arch_this_cpu(void): the per-CPU area of the CPU we run on. How it
 * is found is each arch's own, as in Linux: x86_64 through the GS base (%gs:0 holds the area's
 * own address), arm64 through TPIDR_EL1, riscv64 through tp, which holds the current task, whose
 * ->cpu is the area.
 * static inline struct task *arch_current(void): the task running on this CPU (x86_64: a field
 * of the per-CPU area read through %gs, arm64: SP_EL0, riscv64: tp).
 * Both are inline, in each arch's asm/current.h: they are on every hot path.
 */
#include <asm/current.h>

/* ------------------------------------------ interrupts (irqchip.c, entry.S, trap.c) --------- */

/*
 * Programs this machine's interrupt controller(s), found through boot_info: x86_64 LAPIC and
 * IOAPIC (legacy PIC masked), arm64 GICv2 or GICv3, riscv64 PLIC (the S-mode context of this
 * hart). Masks every line, registers the struct irqchip (include/irq.h), and routes the CPU's
 * interrupt entry to irq_dispatch() between irq_enter() and irq_exit(), on the per-CPU IRQ stack
 * where the arch uses one (struct cpu.irq_stack_top, set up by irq_init() before this call).
 * Prints one "  irqchip: ..." banner line. Interrupts stay disabled on the CPU.
 */
void arch_irq_init(void);

/* This CPU starts / stops taking interrupts. */
void arch_irq_enable(void);
void arch_irq_disable(void);
bool arch_irqs_enabled(void);

/* Makes IRQ_SOFT pending on this CPU: a LAPIC self-IPI (x86_64), an SGI through the GIC (arm64),
 * sip.SSIP (riscv64). For tests and the IRQ round-trip benchmark. */
void arch_raise_soft_irq(void);

/* ----------------------------------------------------------------- timer (timer.c) ---------- */

/* Requests TIMER_IRQ and starts a periodic tick at hz that calls timer_tick() in interrupt
 * context. Prints one "  timer:   ..." banner line saying which timer and how it was calibrated. */
void arch_timer_init(unsigned int hz);

/* Nanoseconds from a free-running counter that follows QEMU's virtual time (x86_64 TSC scaled by
 * its calibrated frequency, arm64 CNTVCT_EL0, riscv64 the time CSR); never goes backwards. */
u64 arch_clock_ns(void);

/* --------------------------------------------------------- console input (console.c) ------- */

/* Enables the console UART's receive interrupt; its handler passes every received byte to
 * console_rx_push() (include/console.h). */
void arch_console_irq_init(void);

/* --------------------------------------------------------------- test support (trap.c) ----- */

enum test_fault {
	TEST_FAULT_ILLEGAL,	  /* an undefined instruction */
	TEST_FAULT_READ_UNMAPPED, /* a load from an unmapped kernel address */
	TEST_FAULT_WRITE_RODATA,  /* a store to the kernel's read-only data */
	TEST_FAULT_ALIGNMENT,	  /* a misaligned access the CPU refuses */
	TEST_FAULT_DIVIDE,	  /* integer division by zero (faults only on x86) */
	TEST_FAULT_BREAKPOINT,	  /* int3 / brk / ebreak */
};

/*
 * Executes, in arch_test_fault() itself, one instruction that raises the exception `kind`, with an
 * EXTABLE_REPORT exception-table entry (include/extable.h) so that the trap handler prints its
 * oops and resumes after it (a breakpoint resumes by itself). The handler must classify the
 * exception as the matching enum oops_kind. Returns false, doing nothing, when the exception
 * cannot be raised in kernel mode on this arch (for example alignment on x86_64).
 */
bool arch_test_fault(enum test_fault kind);

/*
 * Executes the arch's breakpoint instruction (int3 / brk / ebreak) with an EXTABLE_SILENT entry:
 * the trap handler resumes right after it without a report. For the stack-switch tracer's
 * breakpoint path (kernel/sstrace.c), which must be short: a report printed in the middle
 * would leave time for a timer interrupt to land inside the path.
 */
void arch_breakpoint(void);

/* ------------------------------------------------------- context switch (switch.S) -------- */

/*
 * Switches this CPU from prev to next, called by the scheduler with interrupts off and
 * cpu->current already set to next. Saves prev's callee-saved registers and stack pointer in
 * prev->thread (x86_64: on prev's stack, RSP in thread.sp; arm64: x19-x29, lr, sp in
 * thread.cpu_context; riscv64: ra, sp, s0-s11), loads next's, and does the arch's part of
 * "current" (x86_64: cpu_current_top_of_stack in TSS.sp1; arm64: SP_EL0 = next; riscv64:
 * tp = next). Returns, on next's stack, the task that ran before next (prev as next sees it).
 */
struct task *arch_switch_to(struct task *prev, struct task *next);

/*
 * Prepares t->thread so that the first switch to t starts ret_from_kernel_thread (switch.S) on
 * t's empty stack, which calls task_entry(prev) (kernel/task.c). t->stack_base/stack_size are
 * set. (setup.c)
 */
void arch_thread_init(struct task *t);

/* The stack pointer saved in t->thread by its last switch away. (setup.c) */
uintptr_t arch_thread_saved_sp(const struct task *t);

/* ----------------------------------------------- user mode (entry.S, setup.c, trap.c) ------- */

/*
 * Once, after irq_init(): whatever the CPU needs before the first entry to user mode. x86_64:
 * the SYSCALL MSRs (EFER.SCE, STAR, LSTAR, FMASK), the per-CPU ENTRY (trampoline) stack in
 * TSS.sp0, SMEP/SMAP when the CPU has them; arm64: PAN when present; riscv64: nothing (SUM stays
 * off outside the user-copy routines). (trap.c)
 */
void arch_user_init(void);

/* Fills *regs for a first entry to user mode at pc with stack pointer sp, and arg0/arg1 in the
 * first two argument registers; every other register 0, interrupts enabled in user mode, no
 * kernel value anywhere. (setup.c) */
void arch_user_regs_init(struct pt_regs *regs, uintptr_t pc, uintptr_t sp, uintptr_t arg0,
			 uintptr_t arg1);

/*
 * Enters user mode with *regs, which lies at the top of the current task's kernel stack
 * (task_pt_regs()), through the same exit path a system call takes back to user mode: on x86_64
 * through the ENTRY stack and iretq, on arm64 eret to EL0 with SP_EL0 = the user SP, on riscv64
 * sret with sscratch = the current task. Never returns. (entry.S)
 */
__noreturn void arch_ret_to_user(struct pt_regs *regs);

/* ------------------------------------------------ user FP/SIMD state (fpu.S, setup.c) ----- */

/*
 * User programs may use the FP/SIMD registers; the kernel does not (-mgeneral-regs-only on
 * x86_64 and arm64, rv64imac on riscv64), but for the two functions of fpu.S, which
 * no_fp_simd_instructions allows and nothing else. Each process has a buffer of FPU_STATE_SIZE
 * bytes (asm/fpu.h) that holds its registers while another's are in the CPU; kernel/fpu.c
 * saves and loads them at each switch between processes (include/fpu.h, docs/fpu.md).
 *
 * fpu_save_state(): this CPU's FP/SIMD registers into state: x86_64 XSAVE (x87, SSE and AVX,
 * what XCR0 enables) or FXSAVE where the CPU has no XSAVE; arm64 q0-q31, FPSR, FPCR; riscv64
 * f0-f31, fcsr. fpu_restore_state(): the reverse. (fpu.S) Linux: save_fpregs_to_fpstate() and
 * restore_fpregs_from_fpstate() (x86), fpsimd_save_state() / fpsimd_load_state() (arm64),
 * __fstate_save() / __fstate_restore() (riscv).
 */
void fpu_save_state(void *state);
void fpu_restore_state(const void *state);
/* Writes the state a new program starts with: every register 0 and the control registers at
 * their reset values (x86_64 FCW 0x37f and MXCSR 0x1f80, every exception masked; arm64 FPCR and
 * FPSR 0; riscv64 fcsr 0). (setup.c) */
void arch_fpu_init_state(void *state);
/* Whether the registers of process t, which the CPU holds, may differ from its buffer: always
 * on x86_64 and arm64; on riscv64 only if t's saved sstatus.FS is Dirty, which it then sets to
 * Clean (the registers are about to be saved). (setup.c) */
bool arch_fpu_needs_save(struct task *t);
/* Called once t's buffer is loaded: riscv64 sets t's saved sstatus.FS to Clean; nothing
 * elsewhere. (setup.c) */
void arch_fpu_loaded(struct task *t);

/*
 * Copy between kernel memory and user memory at an address the caller has range-checked
 * (user_range_ok()). A fault on the user side is fixed up through the exception table and ends
 * the copy. Return the number of bytes NOT copied (0 on success). Only these routines touch user
 * memory: x86_64 opens SMAP with stac/clac around them, riscv64 sets sstatus.SUM only inside
 * them, arm64 uses unprivileged loads/stores (ldtr/sttr), which PAN does not stop. (entry.S,
 * on every arch, with the exception-table macro uaccess_extable of <extable.h>)
 */
size_t arch_copy_from_user(void *dst, const void *usrc, size_t n);
size_t arch_copy_to_user(void *udst, const void *src, size_t n);

/* --------------------------------------------------- registers and unwinding (entry.S) ------ */

/*
 * Fills *regs with the caller's registers as they are at the call (pc = the return address,
 * sp and frame pointer of the caller). Used by panic() to print registers and start a backtrace.
 */
void arch_capture_regs(struct pt_regs *regs);

/* Prints every register of *regs, one arch-specific layout. (trap.c) */
void arch_dump_regs(const struct pt_regs *regs);

#endif
