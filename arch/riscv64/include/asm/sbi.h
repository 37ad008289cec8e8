/* SPDX-License-Identifier: MIT */
/*
 * Calls into the SBI firmware (OpenSBI), the RISC-V Supervisor Binary Interface: a7 = extension,
 * a6 = function, arguments in a0..a5, `ecall`; the firmware returns an error in a0 and a value
 * in a1.
 */
#ifndef ASM_SBI_H
#define ASM_SBI_H

#define SBI_EXT_BASE		  0x10
#define SBI_BASE_GET_SPEC_VERSION 0
#define SBI_BASE_GET_IMP_ID	  1
#define SBI_BASE_GET_IMP_VERSION  2
#define SBI_BASE_GET_MVENDORID	  4
#define SBI_BASE_GET_MARCHID	  5
#define SBI_BASE_GET_MIMPID	  6
#define SBI_BASE_PROBE_EXT	  3

/* Hart State Management (SBI spec 0.3 and later, OpenSBI 0.7 and later): start a hart. */
#define SBI_EXT_HSM		0x48534d /* "HSM" */
#define SBI_HSM_HART_START	0
#define SBI_HSM_HART_GET_STATUS 2
/* hart_get_status values (SBI spec, HSM chapter) */
#define SBI_HSM_STATE_STARTED 0
#define SBI_HSM_STATE_STOPPED 1
/* An error of hart_start: the hart runs already. */
#define SBI_ERR_ALREADY_AVAILABLE (-6)

struct sbiret {
	long error;
	long value;
};

static inline struct sbiret sbi_call(long ext, long fid, long arg0, long arg1)
{
	register long a0 __asm__("a0") = arg0;
	register long a1 __asm__("a1") = arg1;
	register long a6 __asm__("a6") = fid;
	register long a7 __asm__("a7") = ext;
	__asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a6), "r"(a7) : "memory");
	return (struct sbiret){ a0, a1 };
}

static inline struct sbiret sbi_call3(long ext, long fid, long arg0, long arg1, long arg2)
{
	register long a0 __asm__("a0") = arg0;
	register long a1 __asm__("a1") = arg1;
	register long a2 __asm__("a2") = arg2;
	register long a6 __asm__("a6") = fid;
	register long a7 __asm__("a7") = ext;
	__asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a2), "r"(a6), "r"(a7) : "memory");
	return (struct sbiret){ a0, a1 };
}

#endif
