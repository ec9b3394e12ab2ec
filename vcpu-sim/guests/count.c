/* count: a counting loop. Counts to count=N (boot argument, default 200000), adding each number into a checksum
 * that lives in memory, and prints progress every step=M numbers (default 20000). Used for snapshot/restore tests:
 * a restored run must print exactly what an uninterrupted run prints. */
#include "runtime/sysmodels.h"

static volatile u64 checksum;

int main(long hartid, const char *bootargs) {
    (void) hartid;
    long n = bootarg_long(bootargs, "count=", 200000);
    long step = bootarg_long(bootargs, "step=", 20000);
    puts("count to ");
    print_dec(n);
    puts("\n");
    for (long i = 1; i <= n; i++) {
        checksum = checksum * 31 + (u64) i;
        if (step > 0 && i % step == 0) {
            print_dec(i);
            puts(" ");
            print_hex(checksum);
            puts("\n");
        }
    }
    puts("done\n");
    return 0;
}
