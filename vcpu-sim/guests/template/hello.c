/*
 * guest.c: a complete guest for `sim vcpu --kernel guest.elf` (sysmodels vcpu-sim: a Firecracker-style VMM with a
 * RISC-V RV64IMA guest CPU). Compile it with Debian's cross compiler (apt-get install gcc-riscv64-unknown-elf):
 *
 *   riscv64-unknown-elf-gcc -march=rv64ima_zicsr -mabi=lp64 -mcmodel=medany -O2 -ffreestanding -nostdlib -static \
 *       -Wl,-Ttext-segment=0x80000000 -Wl,--build-id=none -o guest.elf guest.c
 *
 * then run it, and grade it (pause/resume, snapshot/restore, two vCPUs):
 *
 *   sim vcpu --kernel guest.elf
 *   sim vcpu --grade guest.elf
 *
 * How it starts: the VMM loads the ELF's segments into guest RAM (which starts at 0x8000_0000), starts hart 0 at
 * _start with a0 = hart id and a1 = the boot argument string (Firecracker's boot_args), and leaves the other harts
 * stopped until someone calls SBI hart_start. There is no libc: this file brings its own start code, serial output
 * and SBI calls. Every access to a device register below is a KVM_EXIT_MMIO that the VMM handles; every ecall is an
 * SBI call that KVM handles or forwards to the VMM.
 */

typedef unsigned char u8;
typedef unsigned long u64;

#define BOOT_TIMER 0x40000000UL /* write 123 here when booted: the VMM logs the boot time */
#define SERIAL     0x40002000UL /* 16550A UART: THR at +0, LSR at +5 (bit 5: transmitter empty) */

/* Start code: a 16 KiB stack per hart, then main(hartid, bootargs); its return value ends the VM. */
u8 stacks[4][16384] __attribute__((aligned(16)));
asm(".globl _start\n"
    "_start:\n"
    "  la   sp, stacks\n"
    "  addi t0, a0, 1\n"
    "  slli t0, t0, 14\n"
    "  add  sp, sp, t0\n"
    "  call main\n"
    "  call shutdown\n"
    "1: wfi\n"
    "  j 1b\n");

static void putc(char c) {
    while ((*(volatile u8 *) (SERIAL + 5) & 0x20) == 0) {
    }
    *(volatile u8 *) SERIAL = (u8) c;
}

static void puts(const char *s) {
    while (*s) {
        putc(*s++);
    }
}

/* SBI system reset (extension "SRST", function 0): type 0 = shutdown; reason 0 = none, 1 = system failure. */
void shutdown(long status) {
    register long a0 asm("a0") = 0;
    register long a1 asm("a1") = status == 0 ? 0 : 1;
    register long a6 asm("a6") = 0;
    register long a7 asm("a7") = 0x53525354;
    asm volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a6), "r"(a7) : "memory");
    for (;;) {
        asm volatile("wfi");
    }
}

int main(long hartid, const char *bootargs) {
    (void) hartid;
    puts("Hello from my guest! boot args: ");
    puts(bootargs);
    puts("\n");
    *(volatile u8 *) BOOT_TIMER = 123;
    /* Your code here. */
    return 0;
}
