/* SPDX-License-Identifier: MIT */
/*
 * riscv64: the e_machine value of this arch's ELF programs (RV32 and RV64 share EM_RISCV; the
 * ELF class tells them apart). The ELF checker refuses a program built for another machine
 * (include/elf.h, kernel/lib/elf.c); Linux calls the same constant ELF_ARCH in
 * arch/riscv/include/asm/elf.h.
 */
#ifndef ASM_ELF_H
#define ASM_ELF_H

#include <elf.h>

#define ELF_MACHINE EM_RISCV

#endif
