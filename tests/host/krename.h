/* SPDX-License-Identifier: MIT */
/*
 * The kernel's functions that share a name with the C library, renamed k_* for the host build.
 *
 * tests/host/meson.build force-includes this file (-include) into every kernel source it
 * compiles natively, so kernel/lib/string.c defines k_memcpy instead of memcpy. Without the
 * renaming, the kernel's memcpy would replace the C library's in the test programs, the tests
 * could no longer compare the two, and AddressSanitizer's interceptors would be bypassed.
 * kapi.h applies the same list to the kernel headers the tests include.
 */
#ifndef TRISTACK_HOST_KRENAME_H
#define TRISTACK_HOST_KRENAME_H

#define vsnprintf k_vsnprintf
#define snprintf  k_snprintf
#define memset	  k_memset
#define memcpy	  k_memcpy
#define memmove	  k_memmove
#define memcmp	  k_memcmp
#define strlen	  k_strlen
#define strnlen	  k_strnlen
#define strcmp	  k_strcmp
#define strncmp	  k_strncmp
#define strchr	  k_strchr
#define strlcpy	  k_strlcpy

#endif
