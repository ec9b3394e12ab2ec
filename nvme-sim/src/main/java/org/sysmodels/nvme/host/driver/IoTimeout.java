package org.sysmodels.nvme.host.driver;

import org.sysmodels.nvme.host.block.Request;
import org.sysmodels.nvme.host.driver.DriverEvent.ResetNeeded;
import org.sysmodels.nvme.host.driver.DriverState.Resetting;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.register.Csts;
import org.sysmodels.nvme.model.register.Registers;

/**
 * The reference driver's answer to an expired I/O request, as Linux {@code nvme_timeout} (drivers/nvme/host/pci.c):
 * during a reset the timer is re-armed; with CSTS.CFS set the controller is reset; a first timeout sends an Abort and
 * leaves the request in flight, since the aborted command's own completion ends it; a second one resets the controller.
 */
final class IoTimeout {

    private final LinuxDriver driver;
    private long aborts;

    IoTimeout(LinuxDriver driver) {
        this.driver = driver;
    }

    /** @return true to keep the request in flight with a new deadline (blk-mq's BLK_EH_RESET_TIMER) */
    boolean expired(Request rq) {
        if (driver.state() instanceof Resetting) {
            return true;
        }
        if (!driver.live()) {
            return false;
        }
        int csts = driver.platform().bar0().read32(Registers.CSTS);
        if (Csts.fatal(csts)) {
            driver.handle(new ResetNeeded("controller fatal status (CSTS.CFS = 1)"));
            return false;
        }
        if (!rq.abortSent()) {
            rq.abortSent(true);
            aborts++;
            int qid = rq.hctx() + 1;
            int cid = rq.tag();
            driver.platform().tracer().instant(driver.track(), "abort", driver.platform().now(), "qid", qid, "cid",
                    cid);
            driver.admin.submit(s -> s.command(Opcodes.ABORT, 0).cdw(10, qid | cid << 16),
                    cqe -> {
                        boolean aborted = cqe != null && (cqe.dw0() & 1) == 0;
                        driver.observer().abortResult(qid, cid, aborted, driver.platform().now());
                        driver.abortDone(rq, aborted);
                    },
                    true);
            return true;
        }
        driver.handle(new ResetNeeded("I/O timeout on queue " + (rq.hctx() + 1) + " command " + rq.tag()
                + " after an abort"));
        return false;
    }

    long aborts() {
        return aborts;
    }
}
