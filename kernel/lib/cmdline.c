// SPDX-License-Identifier: MIT
/*
 * Kernel command line parsing. The line is a list of words separated by spaces; a word is either
 * a flag ("norandmaps") or key=value. A value may be put in double quotes to hold spaces
 * (init="/bin/sh -x"). The last occurrence of a key wins, as in Linux.
 */
#include <cmdline.h>
#include <panic.h>
#include <string.h>

bool parse_u64(const char *s, const char **end, u64 *out, bool with_suffix)
{
	unsigned base = 10;
	u64 v = 0;
	const char *p = s;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	const char *digits = p;
	for (;; p++) {
		unsigned d;
		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			break;
		if (v > (UINT64_MAX - d) / base)
			return false; /* overflow */
		v = v * base + d;
	}
	if (p == digits)
		return false;
	if (with_suffix) {
		unsigned shift = 0;
		if (*p == 'K' || *p == 'k')
			shift = 10;
		else if (*p == 'M' || *p == 'm')
			shift = 20;
		else if (*p == 'G' || *p == 'g')
			shift = 30;
		if (shift) {
			if (v > (UINT64_MAX >> shift))
				return false;
			v <<= shift;
			p++;
		}
	}
	if (end)
		*end = p;
	*out = v;
	return true;
}

/* Moves *p over one word; sets [*ks,*ke) to the key and [*vs,*ve) to the value (empty if none). */
static bool next_word(const char **p, const char **ks, const char **ke, const char **vs,
		      const char **ve)
{
	/* LAB 1: BEGIN */
	const char *s = *p;
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!*s)
		return false;
	*ks = s;
	while (*s && *s != '=' && *s != ' ' && *s != '\t' && *s != '\n')
		s++;
	*ke = s;
	*vs = *ve = s;
	if (*s == '=') {
		s++;
		if (*s == '"') {
			s++;
			*vs = s;
			while (*s && *s != '"')
				s++;
			*ve = s;
			if (*s == '"')
				s++;
		} else {
			*vs = s;
			while (*s && *s != ' ' && *s != '\t' && *s != '\n')
				s++;
			*ve = s;
		}
	}
	*p = s;
	return true;
	/* LAB 1: ELSE
	(void)p, (void)ks, (void)ke, (void)vs, (void)ve;
	lab_missing("lab 1: the command-line tokenizer, next_word() (kernel/lib/cmdline.c)");
	LAB 1: END */
}

static bool key_is(const char *ks, const char *ke, const char *key)
{
	size_t n = (size_t)(ke - ks);
	return strlen(key) == n && strncmp(ks, key, n) == 0;
}

bool cmdline_get(const char *cmdline, const char *key, char *val, size_t size)
{
	const char *p = cmdline, *ks, *ke, *vs, *ve;
	bool found = false;

	while (next_word(&p, &ks, &ke, &vs, &ve)) {
		if (!key_is(ks, ke, key) || *ke != '=')
			continue;
		found = true;
		if (size) {
			size_t n = (size_t)(ve - vs);
			if (n > size - 1)
				n = size - 1;
			memcpy(val, vs, n);
			val[n] = '\0';
		}
	}
	return found;
}

bool cmdline_has(const char *cmdline, const char *word)
{
	const char *p = cmdline, *ks, *ke, *vs, *ve;

	while (next_word(&p, &ks, &ke, &vs, &ve)) {
		if (key_is(ks, ke, word))
			return true;
	}
	return false;
}

bool cmdline_get_u64(const char *cmdline, const char *key, u64 *out)
{
	/* Longer than any u64 with a suffix: a value that does not fit is malformed, not cut. */
	char buf[32];
	const char *end;

	if (!cmdline_get(cmdline, key, buf, sizeof(buf)) || strlen(buf) >= sizeof(buf) - 1)
		return false;
	return parse_u64(buf, &end, out, true) && *end == '\0';
}
