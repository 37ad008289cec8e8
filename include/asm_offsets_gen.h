/* SPDX-License-Identifier: MIT */
/*
 * Helper for arch/<arch>/asm-offsets.c, as Linux's include/linux/kbuild.h: DEFINE(sym, value)
 * puts "->sym value" into the compiler's assembly output, which tools/gen_asm_offsets.py turns
 * into "#define sym value" in the generated asm-offsets.h.
 */
#ifndef TRISTACK_ASM_OFFSETS_GEN_H
#define TRISTACK_ASM_OFFSETS_GEN_H

#include <types.h>

#define DEFINE(sym, val)      __asm__ volatile("\n.ascii \"->" #sym " %0 " #val "\"" : : "i"(val))
#define OFFSET(sym, str, mem) DEFINE(sym, offsetof(struct str, mem))

/*
 * What every arch's entry code needs from the portable core: the stack kinds (SK_*) and switch
 * reasons (SW_*) the stack-switch tracer records, and where it records them. Each
 * arch/<arch>/asm-offsets.c expands it once (it needs <cpu.h>, <smp.h>, <sstrace.h>, <task.h>).
 * And what a starting secondary CPU reads first (struct smp_boot_args, boot.S).
 */
#define COMMON_ASM_OFFSETS()                                                                       \
	do {                                                                                       \
		DEFINE(SK_BOOT, STACK_BOOT);                                                       \
		DEFINE(SK_TASK, STACK_TASK);                                                       \
		DEFINE(SK_IRQ, STACK_IRQ);                                                         \
		DEFINE(SK_ENTRY, STACK_ENTRY);                                                     \
		DEFINE(SK_IST_DF, STACK_IST_DF);                                                   \
		DEFINE(SK_IST_NMI, STACK_IST_NMI);                                                 \
		DEFINE(SK_IST_DB, STACK_IST_DB);                                                   \
		DEFINE(SK_IST_MC, STACK_IST_MC);                                                   \
		DEFINE(SK_OVERFLOW, STACK_OVERFLOW);                                               \
		DEFINE(SK_USER, STACK_USER);                                                       \
		DEFINE(SW_SYSCALL, SWITCH_SYSCALL);                                                \
		DEFINE(SW_IRQ, SWITCH_IRQ);                                                        \
		DEFINE(SW_EXCEPTION, SWITCH_EXCEPTION);                                            \
		DEFINE(SW_NMI, SWITCH_NMI);                                                        \
		DEFINE(SW_DEBUG, SWITCH_DEBUG);                                                    \
		DEFINE(SW_DOUBLE_FAULT, SWITCH_DOUBLE_FAULT);                                      \
		DEFINE(SW_MACHINE_CHECK, SWITCH_MACHINE_CHECK);                                    \
		DEFINE(SW_CONTEXT, SWITCH_CONTEXT);                                                \
		DEFINE(SW_START, SWITCH_START);                                                    \
		DEFINE(SW_RING_MASK, STACK_SWITCH_RING - 1);                                       \
		OFFSET(CPU_SW_HEAD, cpu, switch_log.head);                                         \
		OFFSET(CPU_SW_RING, cpu, switch_log.ring);                                         \
		DEFINE(SW_EVENT_SHIFT, STACK_SWITCH_EVENT_SHIFT);                                  \
		OFFSET(SW_EVENT_SP, stack_switch, sp);                                             \
		OFFSET(TASK_STACK_KIND, task, stack_kind);                                         \
		OFFSET(TASK_USER_ENTRY_REASON, task, user_entry_reason);                           \
		OFFSET(SMP_BOOT_CPU, smp_boot_args, cpu);                                          \
		OFFSET(SMP_BOOT_IDLE, smp_boot_args, idle);                                        \
		OFFSET(SMP_BOOT_STACK_TOP, smp_boot_args, stack_top);                              \
		OFFSET(SMP_BOOT_KERNEL_ROOT, smp_boot_args, kernel_root);                          \
		OFFSET(SMP_BOOT_HWID, smp_boot_args, hwid);                                        \
	} while (0)

#endif
