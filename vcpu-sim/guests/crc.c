/* crc: the interpreter benchmark. rounds=R (default 8) passes of CRC-32 over 16 KiB (crc32.h, the same code the
 * native peer runs), then prints the CRC and the instructions retired, and shuts down. */
#include "runtime/sysmodels.h"
#include "crc32.h"

static unsigned char buffer[CRC_BUFFER_BYTES];
static unsigned int table[256];

int main(long hartid, const char *bootargs) {
    (void) hartid;
    long rounds = bootarg_long(bootargs, "rounds=", 8);
    u64 start = rdinstret();
    unsigned int crc = crc32_workload(buffer, table, rounds);
    u64 used = rdinstret() - start;
    puts("crc32 ");
    print_hex(crc);
    puts(" instructions ");
    print_dec((long) used);
    puts("\n");
    return 0;
}
