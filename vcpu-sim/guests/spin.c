/* spin: never stops. Prints one line, then loops forever incrementing a counter in memory, with no exits at all:
 * only a kick (immediate_exit plus a signal) gets this vCPU out of KVM_RUN, which is what pause needs. */
#include "runtime/sysmodels.h"

volatile u64 spins;

int main(long hartid, const char *bootargs) {
    (void) hartid;
    (void) bootargs;
    puts("spinning\n");
    boot_done();
    for (;;) {
        spins++;
    }
}
