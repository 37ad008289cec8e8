/* SPDX-License-Identifier: MIT */
/* What tests/host/shim.c records of the kernel's printk calls, for tests that expect a warning. */
#ifndef TRISTACK_HOST_SHIM_H
#define TRISTACK_HOST_SHIM_H

/* printk calls so far, and the text of the last one. */
extern unsigned long shim_printk_calls;
extern char shim_printk_last[256];

#endif
