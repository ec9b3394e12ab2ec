/* reset: asks for a cold reboot through the SBI system reset extension. KVM turns it into a KVM_EXIT_SYSTEM_EVENT
 * of type RESET; Firecracker does not reboot a guest: the vCPU stops and the VMM exits with code 0 (reboot=k). */
#include "runtime/sysmodels.h"

int main(long hartid, const char *bootargs) {
    (void) hartid;
    (void) bootargs;
    puts("rebooting\n");
    sbi_system_reset(SBI_SRST_COLD_REBOOT, 0);
    puts("still here?\n");
    return 1;
}
