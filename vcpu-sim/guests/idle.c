/* idle: boots, prints one line, then waits for interrupts for ever (wfi): its vCPU sleeps inside KVM_RUN, with no
 * exits, until a signal kicks it out. */
#include "runtime/sysmodels.h"

int main(long hartid, const char *bootargs) {
    (void) hartid;
    (void) bootargs;
    boot_done();
    puts("idle: nothing to do, waiting for interrupts\n");
    for (;;) {
        wfi();
    }
}
