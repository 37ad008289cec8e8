// SPDX-License-Identifier: MIT
/*
 * Kernel symbol lookup (Linux's kallsyms, much simplified). The kernel is linked twice: the first
 * link's function symbols are written by tools/gen_ksyms.py into a table (ksyms_table.c) that the
 * second link adds. The table is read-only data placed after all code, so adding it moves no
 * function: the addresses from the first link are still right in the second.
 */
#include <panic.h>
#include <string.h>

/* Generated: sorted by address; ksyms_names holds NUL-separated names at ksyms_name_off[i]. */
extern const unsigned long ksyms_count;
extern const uintptr_t ksyms_addr[];
extern const unsigned int ksyms_size[];
extern const unsigned int ksyms_name_off[];
extern const char ksyms_names[];

const char *ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
	/* Binary search for the last symbol at or below addr. */
	unsigned long lo = 0, hi = ksyms_count;
	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;
		if (ksyms_addr[mid] <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	unsigned long i = lo - 1;
	/* Past the end of the function (and its size is known): not inside any symbol. */
	if (ksyms_size[i] && addr >= ksyms_addr[i] + ksyms_size[i])
		return NULL;
	if (offset)
		*offset = addr - ksyms_addr[i];
	return &ksyms_names[ksyms_name_off[i]];
}

uintptr_t ksym_address(const char *name)
{
	for (unsigned long i = 0; i < ksyms_count; i++) {
		if (strcmp(&ksyms_names[ksyms_name_off[i]], name) == 0)
			return ksyms_addr[i];
	}
	return 0;
}
