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

#endif
