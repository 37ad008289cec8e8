/* SPDX-License-Identifier: MIT */
/*
 * arm64: the e_machine value of this arch's ELF programs. The ELF checker refuses a program
 * built for another machine (include/elf.h, kernel/lib/elf.c); Linux calls the same constant
 * ELF_ARCH in arch/arm64/include/asm/elf.h.
 */
#ifndef ASM_ELF_H
#define ASM_ELF_H

#include <elf.h>

#define ELF_MACHINE EM_AARCH64

#endif
