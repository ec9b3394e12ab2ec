/* mmio: n=N (default 100000) writes to the UART's scratch register, each one a KVM_EXIT_MMIO handled by the VMM,
 * then shutdown. The exit-rate benchmark runs it. */
#include "runtime/sysmodels.h"

int main(long hartid, const char *bootargs) {
    (void) hartid;
    long n = bootarg_long(bootargs, "n=", 100000);
    for (long i = 0; i < n; i++) {
        mmio_write8(SERIAL_BASE + 7, (u8) i);
    }
    return 0;
}
