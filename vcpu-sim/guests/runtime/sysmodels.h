/* sysmodels.h: the tiny runtime of sysmodels vcpu guests (bare-metal RV64IMA, no libc).
 *
 * Memory map (docs/vcpu.md has the table): devices follow Firecracker's aarch64 layout (arch/aarch64/layout.rs),
 * the interrupt controller is a RISC-V PLIC at QEMU virt's address, RAM starts at 0x8000_0000. */
#ifndef SYSMODELS_H
#define SYSMODELS_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long u64;
typedef unsigned long size_t;

#define BOOT_TIMER_BASE 0x40000000UL /* Firecracker's boot-timer pseudo device: write 123 when booted */
#define SERIAL_BASE     0x40002000UL /* 16550A UART, byte registers */
#define VIRTIO_BASE     0x40003000UL /* first virtio-mmio device; one every 0x1000 */
#define PLIC_BASE       0x0c000000UL /* interrupt controller */

#define SERIAL_IRQ 1                  /* PLIC source of the UART */
#define VIRTIO_IRQ(n) (2 + (n))       /* PLIC source of virtio device n */

static inline void mmio_write8(u64 addr, u8 v) { *(volatile u8 *) addr = v; }
static inline u8 mmio_read8(u64 addr) { return *(volatile u8 *) addr; }
static inline void mmio_write32(u64 addr, u32 v) { *(volatile u32 *) addr = v; }
static inline u32 mmio_read32(u64 addr) { return *(volatile u32 *) addr; }

/* Counters (Zicntr): cycle, time (10 MHz), instructions retired. */
static inline u64 rdcycle(void) { u64 v; asm volatile("rdcycle %0" : "=r"(v)); return v; }
static inline u64 rdtime(void) { u64 v; asm volatile("rdtime %0" : "=r"(v)); return v; }
static inline u64 rdinstret(void) { u64 v; asm volatile("rdinstret %0" : "=r"(v)); return v; }
static inline void wfi(void) { asm volatile("wfi" ::: "memory"); }
static inline void fence(void) { asm volatile("fence rw, rw" ::: "memory"); }

/* SBI (RISC-V Supervisor Binary Interface v2.0): a7 = extension id, a6 = function id, a0..a5 = arguments;
 * the call returns an error code in a0 and a value in a1. */
struct sbiret { long error; long value; };
struct sbiret sbi_call(long eid, long fid, long a0, long a1, long a2);

#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_BASE 0x10
#define SBI_EXT_HSM  0x48534D
#define SBI_EXT_SRST 0x53525354
#define SBI_SUCCESS 0
#define SBI_ERR_INVALID_PARAM (-3)
#define SBI_HSM_STARTED 0
#define SBI_HSM_STOPPED 1
#define SBI_SRST_SHUTDOWN 0
#define SBI_SRST_COLD_REBOOT 1

void sbi_console_putchar(int c);                 /* legacy extension 0x01: a KVM_EXIT_RISCV_SBI to the VMM */
long sbi_hart_start(long hartid, void (*entry)(void), long opaque);
long sbi_hart_get_status(long hartid);
void sbi_hart_stop(void);
void sbi_system_reset(long type, long reason);   /* SRST: a KVM_EXIT_SYSTEM_EVENT */
void _start_secondary(void);

/* Serial console (16550A). */
void uart_putc(char c);
void puts(const char *s);                        /* no newline added */
void print_dec(long v);
void print_hex(u64 v);
int uart_getc(void);                             /* -1 when nothing was received */

/* Boot arguments: "key=value" words in the string the VMM passes in a1. */
long bootarg_long(const char *args, const char *key, long fallback);

void boot_done(void);                            /* tell the VMM's boot timer the guest is up */
void sys_exit(long status) __attribute__((noreturn));

#endif
