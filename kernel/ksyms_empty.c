// SPDX-License-Identifier: MIT
/* The empty symbol table of the first link (see kernel/ksyms.c). */
#include <types.h>

const unsigned long ksyms_count = 0;
const uintptr_t ksyms_addr[1];
const unsigned int ksyms_size[1];
const unsigned int ksyms_name_off[1];
const char ksyms_names[1];
