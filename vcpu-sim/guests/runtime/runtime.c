/* The runtime's functions: serial output, SBI calls, boot arguments, exit. */
#include "sysmodels.h"

#define UART_THR 0 /* transmit holding register (write) */
#define UART_RBR 0 /* receive buffer register (read) */
#define UART_LSR 5 /* line status register */
#define LSR_DR   0x01 /* data ready */
#define LSR_THRE 0x20 /* transmit holding register empty */

struct sbiret sbi_call(long eid, long fid, long a0, long a1, long a2) {
    register long r0 asm("a0") = a0;
    register long r1 asm("a1") = a1;
    register long r2 asm("a2") = a2;
    register long r6 asm("a6") = fid;
    register long r7 asm("a7") = eid;
    asm volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
    struct sbiret ret = {r0, r1};
    return ret;
}

void sbi_console_putchar(int c) { sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, c, 0, 0); }
long sbi_hart_start(long hartid, void (*entry)(void), long opaque) {
    return sbi_call(SBI_EXT_HSM, 0, hartid, (long) entry, opaque).error;
}
void sbi_hart_stop(void) { sbi_call(SBI_EXT_HSM, 1, 0, 0, 0); }
long sbi_hart_get_status(long hartid) {
    struct sbiret r = sbi_call(SBI_EXT_HSM, 2, hartid, 0, 0);
    return r.error ? r.error : r.value;
}
void sbi_system_reset(long type, long reason) { sbi_call(SBI_EXT_SRST, 0, type, reason, 0); }

/* As Linux's 8250 console does: wait until the transmitter is empty, then write the byte. */
void uart_putc(char c) {
    while ((mmio_read8(SERIAL_BASE + UART_LSR) & LSR_THRE) == 0) {
    }
    mmio_write8(SERIAL_BASE + UART_THR, (u8) c);
}

int uart_getc(void) {
    if ((mmio_read8(SERIAL_BASE + UART_LSR) & LSR_DR) == 0) {
        return -1;
    }
    return mmio_read8(SERIAL_BASE + UART_RBR);
}

void puts(const char *s) {
    while (*s) {
        uart_putc(*s++);
    }
}

void print_dec(long v) {
    char buf[24];
    int n = 0;
    unsigned long u = v < 0 ? -(unsigned long) v : (unsigned long) v;
    do {
        buf[n++] = (char) ('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) {
        uart_putc('-');
    }
    while (n) {
        uart_putc(buf[--n]);
    }
}

void print_hex(u64 v) {
    puts("0x");
    for (int shift = 60; shift >= 0; shift -= 4) {
        uart_putc("0123456789abcdef"[(v >> shift) & 0xf]);
    }
}

static int starts_with(const char *s, const char *prefix) {
    while (*prefix) {
        if (*s++ != *prefix++) {
            return 0;
        }
    }
    return 1;
}

long bootarg_long(const char *args, const char *key, long fallback) {
    const char *p = args;
    while (p && *p) {
        while (*p == ' ') {
            p++;
        }
        if (starts_with(p, key)) {
            for (const char *k = key; *k; k++) {
                p++;
            }
            long v = 0;
            while (*p >= '0' && *p <= '9') {
                v = v * 10 + (*p++ - '0');
            }
            return v;
        }
        while (*p && *p != ' ') {
            p++;
        }
    }
    return fallback;
}

void boot_done(void) { mmio_write8(BOOT_TIMER_BASE, 123); }

void sys_exit(long status) {
    sbi_system_reset(SBI_SRST_SHUTDOWN, status == 0 ? 0 : 1);
    for (;;) {
        wfi();
    }
}

/* Weak default for guests that start no other harts. */
__attribute__((weak)) void secondary_main(long hartid, long opaque) {
    (void) hartid;
    (void) opaque;
}

/* The compiler may turn copy and fill loops into calls to these, so a freestanding program provides them. */
void *memset(void *dst, int c, size_t n) {
    u8 *d = dst;
    while (n--) {
        *d++ = (u8) c;
    }
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n) {
    u8 *d = dst;
    const u8 *s = src;
    while (n--) {
        *d++ = *s++;
    }
    return dst;
}
