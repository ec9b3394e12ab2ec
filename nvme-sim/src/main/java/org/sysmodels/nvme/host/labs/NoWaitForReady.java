package org.sysmodels.nvme.host.labs;

import org.sysmodels.nvme.host.driver.BringUp;
import org.sysmodels.nvme.host.driver.DriverConfig;
import org.sysmodels.nvme.host.driver.LinuxDriver;

/**
 * Bug lab {@code io-before-ready}: the bring-up sets CC.EN and sends its first admin command at once, without waiting
 * for CSTS.RDY = 1 (NVMe 1.4 §7.6.1: after setting CC.EN the host waits for CSTS.RDY = 1 before it submits commands).
 * The controller ignores a doorbell written before it is ready, so the command is lost.
 */
public final class NoWaitForReady extends LinuxDriver {

    public NoWaitForReady(DriverConfig config) {
        super(config);
    }

    @Override
    public String name() {
        return "reference driver with bug io-before-ready";
    }

    @Override
    protected BringUp newBringUp(boolean afterReset) {
        return new BringUp(this, platform(), afterReset) {
            @Override
            protected void enable() {
                begin("enable");
                writeCc();
                identifyController(); // the bug: no wait for CSTS.RDY = 1
            }
        };
    }
}
