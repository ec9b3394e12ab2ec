/* hello: the first guest. Prints a greeting and its boot arguments on the serial port, tells the boot timer it is
 * up, and returns (the runtime then asks the SBI for a shutdown, which ends the microVM with exit code 0). */
#include "runtime/sysmodels.h"

int main(long hartid, const char *bootargs) {
    puts("Hello from a sysmodels microVM! hart ");
    print_dec(hartid);
    puts(", boot args: \"");
    puts(bootargs);
    puts("\"\n");
    boot_done();
    return 0;
}
