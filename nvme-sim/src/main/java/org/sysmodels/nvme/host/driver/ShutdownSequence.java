package org.sysmodels.nvme.host.driver;

import org.sysmodels.core.sched.Action;
import org.sysmodels.nvme.host.platform.Platform;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.register.Cc;
import org.sysmodels.nvme.model.register.Csts;
import org.sysmodels.nvme.model.register.Registers;

/**
 * An orderly shutdown, as Linux {@code nvme_dev_disable(dev, true)} does it: delete every I/O submission queue and
 * then its completion queue, highest first ({@code nvme_disable_io_queues}), then CC.SHN = 01b and wait for
 * CSTS.SHST = 10b ({@code nvme_disable_ctrl} with shutdown, NVMe 1.4 §7.6.2), giving up after 5 s. A controller
 * whose CSTS reads CFS = 1 or RDY = 0 is dead to {@code nvme_dev_disable} (drivers/nvme/host/pci.c): it is sent no
 * admin command and no CC.SHN, and the driver is done with it at once.
 */
final class ShutdownSequence {

    private static final long SHUTDOWN_TIMEOUT_NS = 5_000_000_000L;

    private final AdminQueue admin;
    private final Platform platform;
    private final long readyPoll;
    /** Runs once CSTS.SHST reports the shutdown complete or the timeout passes. */
    private final Runnable shutDown;

    ShutdownSequence(AdminQueue admin, Platform platform, long readyPoll, Runnable shutDown) {
        this.admin = admin;
        this.platform = platform;
        this.readyPoll = readyPoll;
        this.shutDown = shutDown;
    }

    /**
     * Deletes queues {@code ioQueues}..1, then notifies the controller, unless it is dead (CFS or not ready);
     * {@code done} runs at the end.
     */
    void start(int ioQueues, Runnable done) {
        int csts = platform.bar0().read32(Registers.CSTS);
        if (Csts.fatal(csts) || !Csts.ready(csts)) {
            shutDown.run();
            done.run();
            return;
        }
        deleteQueues(ioQueues, done);
    }

    private void deleteQueues(int qid, Runnable done) {
        if (qid == 0) {
            notifyShutdown(done);
            return;
        }
        boolean sent = admin.submit(s -> s.command(Opcodes.DELETE_IO_SQ, 0).cdw(10, qid),
                c1 -> admin.submit(s -> s.command(Opcodes.DELETE_IO_CQ, 0).cdw(10, qid),
                        c2 -> deleteQueues(qid - 1, done), true), true);
        if (!sent) {
            notifyShutdown(done);
        }
    }

    private void notifyShutdown(Runnable done) {
        int cc = platform.bar0().read32(Registers.CC);
        platform.bar0().write32(Registers.CC, Cc.decode(cc).withShn(Cc.SHN_NORMAL).encode());
        long deadline = platform.now() + SHUTDOWN_TIMEOUT_NS;
        Action[] check = new Action[1];
        check[0] = x -> {
            int csts = platform.bar0().read32(Registers.CSTS);
            if (Csts.shst(csts) == Csts.SHST_COMPLETE || platform.now() >= deadline) {
                shutDown.run();
                done.run();
            } else {
                platform.after(readyPoll, check[0], 0);
            }
        };
        check[0].run(0);
    }
}
