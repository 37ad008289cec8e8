// SPDX-License-Identifier: MIT
/*
 * x86_64 interrupt controllers: the local APIC of each CPU (timer, IPIs, end of interrupt) and
 * the I/O APIC that routes device interrupts (COM1) to a CPU. The old 8259 PICs are remapped
 * out of the exception vectors and masked, as every APIC-based kernel does. Where the I/O APIC
 * sits and how ISA IRQs map to its pins comes from the ACPI MADT, as on a real PC.
 * Linux: arch/x86/kernel/apic/apic.c, io_apic.c, i8259.c, acpi/boot.c.
 */
#include <arch.h>
#include <boot.h>
#include <cpu.h>
#include <irq.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <string.h>
#include <asm/irqchip.h>
#include <asm/traps.h>
#include <asm/x86.h>

/* Local APIC registers (byte offsets; each is 32 bits wide at a 16-byte stride). SDM vol. 3A,
 * table 10-1. */
#define LAPIC_ID	0x020
#define LAPIC_TPR	0x080
#define LAPIC_EOI	0x0b0
#define LAPIC_SVR	0x0f0
#define LAPIC_ICR_LOW	0x300
#define LAPIC_ICR_HIGH	0x310
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_LVT_ERROR 0x370
#define SVR_ENABLE	(1u << 8)
#define LVT_MASKED	(1u << 16)
#define LVT_NMI		(4u << 8)
#define ICR_SELF	(1u << 18) /* destination shorthand "self" */
#define ICR_ASSERT	(1u << 14)
#define ICR_PENDING	(1u << 12) /* Delivery Status: not yet accepted */

/* I/O APIC: an index register and a data window; redirection entries from index 0x10. */
#define IOAPIC_REGSEL 0x00
#define IOAPIC_WIN    0x10
#define IOAPIC_VER    0x01
#define IOREDTBL(pin) (0x10 + 2 * (pin))
#define REDIR_MASKED  (1u << 16)
#define REDIR_LEVEL   (1u << 15)
#define REDIR_LOW     (1u << 13)

static volatile u32 *lapic;
static volatile u32 *ioapic;
static unsigned int ioapic_gsi_base, ioapic_pins;

/* ISA IRQ -> global system interrupt and its polarity/trigger (ACPI "interrupt source
 * overrides"); by default identity, active high, edge. */
static struct {
	u32 gsi;
	u32 flags; /* REDIR_LEVEL / REDIR_LOW */
} isa_map[16];

u32 lapic_read(unsigned int reg)
{
	return lapic[reg / 4];
}

void lapic_write(unsigned int reg, u32 v)
{
	lapic[reg / 4] = v;
}

static u32 ioapic_read(unsigned int reg)
{
	ioapic[IOAPIC_REGSEL / 4] = reg;
	return ioapic[IOAPIC_WIN / 4];
}

static void ioapic_write(unsigned int reg, u32 v)
{
	ioapic[IOAPIC_REGSEL / 4] = reg;
	ioapic[IOAPIC_WIN / 4] = v;
}

/* ------------------------------------------------------------ ACPI: find the MADT ------- */

struct acpi_header {
	char signature[4];
	u32 length;
	u8 revision, checksum;
	char oem_id[6], oem_table_id[8];
	u32 oem_revision, creator_id, creator_revision;
} __packed;

static bool checksum_ok(const u8 *p, size_t n)
{
	u8 sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += p[i];
	return sum == 0;
}

/* ACPI tables sit in RAM the firmware reserved, which the direct map leaves out: map them. */
static const void *acpi_map(phys_addr_t pa, size_t len)
{
	return ioremap(pa, len);
}

/* The RSDP: in the first KiB of the EBDA or in the BIOS area 0xe0000-0xfffff, 16-byte aligned
 * (ACPI 6.4, 5.2.5.1). */
static const u8 *find_rsdp(void)
{
	const u8 *bda = acpi_map(0x400, 0x100);
	phys_addr_t ebda = (phys_addr_t)(*(const u16 *)(bda + 0x0e)) << 4;
	struct {
		phys_addr_t base;
		size_t len;
	} areas[] = { { ebda, 1024 }, { 0xe0000, 0x20000 } };
	for (size_t a = 0; a < ARRAY_SIZE(areas); a++) {
		if (!areas[a].base)
			continue;
		const u8 *p = acpi_map(areas[a].base, areas[a].len);
		for (size_t off = 0; off + 20 <= areas[a].len; off += 16) {
			if (memcmp(p + off, "RSD PTR ", 8) == 0 && checksum_ok(p + off, 20))
				return p + off;
		}
	}
	return NULL;
}

static const struct acpi_header *map_table(phys_addr_t pa)
{
	const struct acpi_header *h = acpi_map(pa, sizeof(*h));
	return acpi_map(pa, h->length);
}

static const struct acpi_header *find_madt(void)
{
	const u8 *rsdp = find_rsdp();
	if (!rsdp)
		return NULL;
	/* Revision 0: a 32-bit RSDT; 2 and later may also give a 64-bit XSDT. */
	bool xsdt = rsdp[15] >= 2 && *(const u64 *)(rsdp + 24);
	phys_addr_t root_pa = xsdt ? *(const u64 *)(rsdp + 24) : *(const u32 *)(rsdp + 16);
	const struct acpi_header *root = map_table(root_pa);
	size_t entry = xsdt ? 8 : 4;
	size_t n = (root->length - sizeof(*root)) / entry;
	for (size_t i = 0; i < n; i++) {
		const u8 *e = (const u8 *)(root + 1) + i * entry;
		phys_addr_t pa = xsdt ? *(const u64 *)e : *(const u32 *)e;
		const struct acpi_header *t = map_table(pa);
		if (memcmp(t->signature, "APIC", 4) == 0 && checksum_ok((const u8 *)t, t->length))
			return t;
	}
	return NULL;
}

/* Reads the I/O APIC address and the ISA overrides from the MADT ("APIC" table). */
static phys_addr_t parse_madt(void)
{
	phys_addr_t ioapic_pa = 0;
	for (unsigned int i = 0; i < 16; i++)
		isa_map[i].gsi = i, isa_map[i].flags = 0;

	const struct acpi_header *madt = find_madt();
	if (!madt) {
		pr_warn("x86: no ACPI MADT found; assuming the standard I/O APIC at 0xfec00000\n");
		return 0xfec00000;
	}
	/* After the header: local APIC address (u32), flags (u32), then variable-size entries. */
	const u8 *p = (const u8 *)madt + sizeof(*madt) + 8, *end = (const u8 *)madt + madt->length;
	while (p + 2 <= end && p[1] >= 2 && p + p[1] <= end) {
		if (p[0] == 0 && (*(const u32 *)(p + 4) & 1)) {
			/* Processor local APIC: ACPI id, APIC id, flags (bit 0: enabled). */
			if (boot_info.ncpus < BOOT_MAX_CPUS)
				boot_info.cpu_hwid[boot_info.ncpus] = p[3];
			boot_info.ncpus++;
		} else if (p[0] == 9 && (*(const u32 *)(p + 8) & 1)) {
			/* Processor local x2APIC: reserved, x2APIC id, flags, ACPI id. */
			if (boot_info.ncpus < BOOT_MAX_CPUS)
				boot_info.cpu_hwid[boot_info.ncpus] = *(const u32 *)(p + 4);
			boot_info.ncpus++;
		} else if (p[0] == 1 &&
			   !ioapic_pa) { /* I/O APIC: id, reserved, address, GSI base */
			ioapic_pa = *(const u32 *)(p + 4);
			ioapic_gsi_base = *(const u32 *)(p + 8);
		} else if (p[0] == 2) { /* interrupt source override: bus, source, GSI, flags */
			u8 src = p[3];
			u16 fl = *(const u16 *)(p + 8);
			if (src < 16) {
				isa_map[src].gsi = *(const u32 *)(p + 4);
				/* MPS INTI flags: polarity bits 0-1 (3 = active low), trigger bits
				 * 2-3 (3 = level). */
				isa_map[src].flags = ((fl & 3) == 3 ? REDIR_LOW : 0) |
						     (((fl >> 2) & 3) == 3 ? REDIR_LEVEL : 0);
			}
		}
		p += p[1];
	}
	if (!ioapic_pa)
		panic("x86: the ACPI MADT lists no I/O APIC");
	return ioapic_pa;
}

/* ------------------------------------------------------------------- the chip ------------ */

/* The I/O APIC pin that delivers vector v, or -1 if v is not an ISA IRQ vector. */
static int pin_of_vector(unsigned int v)
{
	if (v < ISA_IRQ_VECTOR(0) || v > ISA_IRQ_VECTOR(15))
		return -1;
	int pin = (int)isa_map[v - ISA_IRQ_VECTOR(0)].gsi - (int)ioapic_gsi_base;
	return pin >= 0 && (unsigned int)pin < ioapic_pins ? pin : -1;
}

static void apic_mask(unsigned int irq)
{
	int pin = pin_of_vector(irq);
	if (pin >= 0)
		ioapic_write(IOREDTBL(pin), ioapic_read(IOREDTBL(pin)) | REDIR_MASKED);
	else if (irq == TIMER_IRQ)
		lapic_write(LAPIC_LVT_TIMER, lapic_read(LAPIC_LVT_TIMER) | LVT_MASKED);
	/* IPIs cannot be masked at the receiver. */
}

static void apic_unmask(unsigned int irq)
{
	int pin = pin_of_vector(irq);
	if (pin >= 0)
		ioapic_write(IOREDTBL(pin), ioapic_read(IOREDTBL(pin)) & ~REDIR_MASKED);
	else if (irq == TIMER_IRQ)
		lapic_write(LAPIC_LVT_TIMER, lapic_read(LAPIC_LVT_TIMER) & ~LVT_MASKED);
}

static void apic_eoi(unsigned int irq)
{
	(void)irq;
	lapic_write(LAPIC_EOI, 0);
}

static const struct irqchip apic_chip = {
	.name = "APIC",
	.mask = apic_mask,
	.unmask = apic_unmask,
	.eoi = apic_eoi,
};

/* Moves the two 8259s to vectors 0x20-0x2f (so a stray PIC interrupt is not taken for an
 * exception) and masks every line. */
static void pic_disable(void)
{
	outb(0x20, 0x11); /* ICW1: initialise, ICW4 follows */
	outb(0xa0, 0x11);
	outb(0x21, 0x20); /* ICW2: vector base */
	outb(0xa1, 0x28);
	outb(0x21, 0x04); /* ICW3: slave on IRQ 2 */
	outb(0xa1, 0x02);
	outb(0x21, 0x01); /* ICW4: 8086 mode */
	outb(0xa1, 0x01);
	outb(0x21, 0xff); /* mask all */
	outb(0xa1, 0xff);
}

void irqchip_init_cpu(void)
{
	/* Software-enable the LAPIC, spurious vector 0xff; accept every priority; LINT0 (the
	 * PIC's "virtual wire") masked; LINT1 delivers NMI, as the BIOS wires it. */
	lapic_write(LAPIC_SVR, SVR_ENABLE | SPURIOUS_VECTOR);
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT1, LVT_NMI);
	lapic_write(LAPIC_LVT_ERROR, LVT_MASKED);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	arch_this_cpu()->arch.apic_id = lapic_read(LAPIC_ID) >> 24;
}

/* Sends an inter-processor interrupt: ICR high = destination APIC id, ICR low = the rest, and
 * waits until the LAPIC has sent it (Delivery Status clear). */
void lapic_send_ipi(unsigned int apic_id, u32 icr_low)
{
	lapic_write(LAPIC_ICR_HIGH, apic_id << 24);
	lapic_write(LAPIC_ICR_LOW, icr_low);
	while (lapic_read(LAPIC_ICR_LOW) & ICR_PENDING)
		;
}

void arch_irq_init(void)
{
	x86_trap_init();
	pic_disable();

	phys_addr_t lapic_pa = rdmsr(MSR_APIC_BASE) & ~0xfffULL;
	/* Every CPU's LAPIC answers at the same physical address: one mapping serves them all. */
	lapic = ioremap(lapic_pa, PAGE_SIZE);
	irqchip_init_cpu();

	phys_addr_t ioapic_pa = parse_madt();
	ioapic = ioremap(ioapic_pa, PAGE_SIZE);
	ioapic_pins = ((ioapic_read(IOAPIC_VER) >> 16) & 0xff) + 1;
	/* Every pin masked; ISA IRQ n -> vector 0x20 + n on this CPU, as ACPI says it is wired. */
	for (unsigned int pin = 0; pin < ioapic_pins; pin++)
		ioapic_write(IOREDTBL(pin), REDIR_MASKED);
	for (unsigned int irq = 0; irq < 16; irq++) {
		int pin = (int)isa_map[irq].gsi - (int)ioapic_gsi_base;
		if (pin < 0 || (unsigned int)pin >= ioapic_pins)
			continue;
		ioapic_write(IOREDTBL(pin) + 1, arch_this_cpu()->arch.apic_id << 24);
		ioapic_write(IOREDTBL(pin),
			     REDIR_MASKED | isa_map[irq].flags | ISA_IRQ_VECTOR(irq));
	}
	irqchip_register(&apic_chip);
	printk("  irqchip: LAPIC at %#llx (id %u), I/O APIC at %#llx (%u pins), 8259 PICs masked\n",
	       (unsigned long long)lapic_pa, arch_this_cpu()->arch.apic_id,
	       (unsigned long long)ioapic_pa, ioapic_pins);
}

void arch_send_ipi(struct cpu *target, bool nmi)
{
	/* ICR high, then low: not to be split by an interrupt here that sends an IPI of its own.
	 * The LAPIC's ICR write is ordered after our earlier stores (x86 TSO, and the write is
	 * to uncached memory). */
	unsigned long flags = arch_irq_save();
	lapic_send_ipi(target->arch.apic_id, nmi ? ICR_NMI : ICR_ASSERT | IRQ_IPI);
	arch_irq_restore(flags);
}

void arch_raise_soft_irq(void)
{
	/* A fixed IPI to ourselves ("self" shorthand needs no destination). */
	lapic_write(LAPIC_ICR_LOW, ICR_SELF | ICR_ASSERT | IRQ_SOFT);
}

void arch_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

bool arch_irqs_enabled(void)
{
	unsigned long f;
	__asm__ volatile("pushfq; pop %0" : "=r"(f));
	return f & X86_RFLAGS_IF;
}
