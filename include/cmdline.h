/* SPDX-License-Identifier: MIT */
/* Kernel command line parsing (kernel/lib/cmdline.c). */
#ifndef TRISTACK_CMDLINE_H
#define TRISTACK_CMDLINE_H

#include <types.h>

/*
 * Finds key=value; copies the value (quotes removed, truncated to size-1 bytes) into val.
 * Returns false when the key is absent or present only as a bare flag.
 */
bool cmdline_get(const char *cmdline, const char *key, char *val, size_t size);
/* True when word appears as a flag or as the key of key=value. */
bool cmdline_has(const char *cmdline, const char *word);
/* key=<number>, decimal or 0x hex, with an optional K/M/G suffix. False if absent or malformed. */
bool cmdline_get_u64(const char *cmdline, const char *key, u64 *out);
/* Parses an unsigned number in base 10, or base 16 with 0x; accepts K/M/G suffixes when
 * with_suffix is true. Returns false when s is not a number; *end gets the first unused char. */
bool parse_u64(const char *s, const char **end, u64 *out, bool with_suffix);

#endif
