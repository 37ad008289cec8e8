// SPDX-License-Identifier: MIT
/*
 * vsnprintf: the one formatter behind printk, snprintf and the panic path. Freestanding (no libc),
 * so it is also compiled natively by tests/host/test_printk.c and checked against the host's
 * snprintf under ASan and UBSan.
 */
#include <printk.h>
#include <string.h>

struct out {
	char *buf;
	size_t size;
	size_t len; /* characters the full output needs, even past size */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

enum {
	F_LEFT = 1,   /* '-' */
	F_ZERO = 2,   /* '0' */
	F_PLUS = 4,   /* '+' */
	F_SPACE = 8,  /* ' ' */
	F_ALT = 16,   /* '#' */
	F_UPPER = 32, /* %X */
};

static void put_number(struct out *o, unsigned long long v, bool negative, unsigned base, int flags,
		       int width, int prec)
{
	const char *digits = (flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	char sign = 0;
	const char *prefix = "";

	if (negative)
		sign = '-';
	else if (flags & F_PLUS)
		sign = '+';
	else if (flags & F_SPACE)
		sign = ' ';
	if ((flags & F_ALT) && v != 0 && base == 16)
		prefix = (flags & F_UPPER) ? "0X" : "0x";
	/* A precision of 0 with the value 0 prints no digits, as C says. */
	while (v != 0) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	if (n == 0 && prec != 0)
		tmp[n++] = '0';
	int zeros = prec > n ? prec - n : 0;
	/* '#' with %o raises the precision just enough that the first digit is a 0 (C11 7.21.6.1):
	 * nothing to add when the digits or the precision already start with one. */
	if ((flags & F_ALT) && base == 8 && zeros == 0 && (n == 0 || tmp[n - 1] != '0'))
		zeros = 1;
	int body = n + zeros + (sign ? 1 : 0) + (int)strlen(prefix);
	/* '0' is ignored when a precision is given or '-' is set. */
	bool zero_pad = (flags & F_ZERO) && !(flags & F_LEFT) && prec < 0;

	if (!(flags & F_LEFT) && !zero_pad)
		pad(o, ' ', width - body);
	if (sign)
		put(o, sign);
	for (const char *p = prefix; *p; p++)
		put(o, *p);
	if (zero_pad)
		pad(o, '0', width - body);
	pad(o, '0', zeros);
	while (n > 0)
		put(o, tmp[--n]);
	if (flags & F_LEFT)
		pad(o, ' ', width - body);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			put(&o, *p);
			continue;
		}
		p++;
		int flags = 0;
		for (;; p++) {
			if (*p == '-')
				flags |= F_LEFT;
			else if (*p == '0')
				flags |= F_ZERO;
			else if (*p == '+')
				flags |= F_PLUS;
			else if (*p == ' ')
				flags |= F_SPACE;
			else if (*p == '#')
				flags |= F_ALT;
			else
				break;
		}
		int width = 0;
		if (*p == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= F_LEFT;
				width = -width;
			}
			p++;
		} else {
			while (*p >= '0' && *p <= '9')
				width = width * 10 + (*p++ - '0');
		}
		int prec = -1;
		if (*p == '.') {
			p++;
			prec = 0;
			if (*p == '*') {
				prec = va_arg(ap, int);
				p++;
			} else {
				while (*p >= '0' && *p <= '9')
					prec = prec * 10 + (*p++ - '0');
			}
		}
		/* Length modifier: 0 int, 1 long, 2 long long, -1 short, -2 char. */
		int lmod = 0;
		if (*p == 'h') {
			lmod = -1;
			if (*++p == 'h') {
				lmod = -2;
				p++;
			}
		} else if (*p == 'l') {
			lmod = 1;
			if (*++p == 'l') {
				lmod = 2;
				p++;
			}
		} else if (*p == 'z' || *p == 't' || *p == 'j') {
			lmod = 2; /* size_t etc. are 64-bit here */
			p++;
		}

		switch (*p) {
		case 'd':
		case 'i': {
			long long v = lmod == 2	  ? va_arg(ap, long long)
				      : lmod == 1 ? va_arg(ap, long)
						  : va_arg(ap, int);
			if (lmod == -1)
				v = (short)v;
			else if (lmod == -2)
				v = (signed char)v;
			unsigned long long mag =
				v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
			put_number(&o, mag, v < 0, 10, flags, width, prec);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			unsigned long long v = lmod == 2   ? va_arg(ap, unsigned long long)
					       : lmod == 1 ? va_arg(ap, unsigned long)
							   : va_arg(ap, unsigned int);
			if (lmod == -1)
				v = (unsigned short)v;
			else if (lmod == -2)
				v = (unsigned char)v;
			unsigned base = *p == 'u' ? 10 : *p == 'o' ? 8 : 16;
			if (*p == 'X')
				flags |= F_UPPER;
			put_number(&o, v, false, base, flags & ~(F_PLUS | F_SPACE), width, prec);
			break;
		}
		case 'p': {
			/* 0x and 16 hex digits, padded to the width like any field ('-' honoured).
			 */
			uintptr_t v = (uintptr_t)va_arg(ap, void *);
			int len = 18;
			if (!(flags & F_LEFT))
				pad(&o, ' ', width - len);
			put(&o, '0');
			put(&o, 'x');
			put_number(&o, v, false, 16, 0, 0, 16);
			if (flags & F_LEFT)
				pad(&o, ' ', width - len);
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			if (!(flags & F_LEFT))
				pad(&o, ' ', width - 1);
			put(&o, c);
			if (flags & F_LEFT)
				pad(&o, ' ', width - 1);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			int n = (int)(prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s));
			if (!(flags & F_LEFT))
				pad(&o, ' ', width - n);
			for (int i = 0; i < n; i++)
				put(&o, s[i]);
			if (flags & F_LEFT)
				pad(&o, ' ', width - n);
			break;
		}
		case '%':
			put(&o, '%');
			break;
		case '\0':
			/* A lone '%' at the end: print it and stop. */
			put(&o, '%');
			p--;
			break;
		default:
			/* Unknown conversion: print it as is so the mistake is visible. */
			put(&o, '%');
			put(&o, *p);
			break;
		}
	}
	if (size > 0)
		o.buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
