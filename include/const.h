/* SPDX-License-Identifier: MIT */
/* Constants usable from C, assembly and the linker script alike (Linux's uapi/linux/const.h). */
#ifndef TRISTACK_CONST_H
#define TRISTACK_CONST_H

#ifdef __ASSEMBLER__
#define _AC(x, suffix) x
#else
#define _AC(x, suffix) (x##suffix)
#endif

#define SZ_4K _AC(0x1000, UL)
#define SZ_2M _AC(0x200000, UL)
#define SZ_1G _AC(0x40000000, UL)

#endif
