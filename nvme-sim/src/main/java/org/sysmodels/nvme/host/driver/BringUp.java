package org.sysmodels.nvme.host.driver;

import java.util.function.IntPredicate;
import org.sysmodels.core.sched.Action;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;
import org.sysmodels.nvme.host.platform.Platform;
import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.model.register.Aqa;
import org.sysmodels.nvme.model.register.Cap;
import org.sysmodels.nvme.model.register.Cc;
import org.sysmodels.nvme.model.register.Csts;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.command.IdentifyData;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.register.Registers;
import org.sysmodels.nvme.model.status.Status;

/**
 * The Linux bring-up sequence ({@code nvme_reset_work} → {@code nvme_pci_configure_admin_queue},
 * {@code nvme_init_ctrl_finish}, {@code nvme_setup_io_queues}), one step per method, each issuing a register access
 * or an admin command and continuing in the next step when it is done:
 *
 * <ol>
 *   <li>disable: clear CC.EN, wait for CSTS.RDY = 0;
 *   <li>admin queues: zero them, write AQA, ASQ, ACQ;
 *   <li>enable: write CC (EN, NVM command set, 4 KiB pages, arbitration, 64/16-byte entries), wait for
 *       CSTS.RDY = 1 for at most (CAP.TO + 1) × 500 ms, failing at once on CSTS.CFS;
 *   <li>Identify Controller (CNS 01h); Set Features Number of Queues (FID 07h);
 *   <li>Identify Active Namespace list (CNS 02h), Identify Namespace (CNS 00h) of the first;
 *   <li>optional features (interrupt coalescing, arbitration); one Asynchronous Event Request;
 *   <li>per I/O queue: Create I/O CQ, then Create I/O SQ.
 * </ol>
 * Each step is a slice on the driver's trace track. A bug lab may override a step ({@link #enable()}).
 */
public class BringUp {

    private final LinuxDriver d;
    private final Platform p;
    private final Tracer tracer;
    private final Track track;
    private final boolean afterReset;
    private String step;
    private IntPredicate waitCondition;
    private long waitDeadline;
    private Runnable waitThen;
    private String waitWhat;
    private int created;
    private boolean finished;
    private final Action poll = ignored -> pollCsts();

    protected BringUp(LinuxDriver driver, Platform platform, boolean afterReset) {
        this.d = driver;
        this.p = platform;
        this.tracer = platform.tracer();
        this.track = tracer.track("host", "driver");
        this.afterReset = afterReset;
    }

    void start() {
        tracer.begin(track, afterReset ? "controller reset" : "probe", p.now());
        Cap cap = Cap.decode(p.bar0().read64(Registers.CAP));
        d.cap = cap;
        begin("disable");
        int cc = p.bar0().read32(Registers.CC);
        if ((cc & 1) != 0) {
            p.bar0().write32(Registers.CC, cc & ~1);
        }
        waitFor(csts -> !Csts.ready(csts), "CSTS.RDY = 0", this::adminQueues);
    }

    private void adminQueues() {
        begin("admin queues");
        d.setUpAdminQueue();
        p.bar0().write32(Registers.AQA, Aqa.of(d.admin.queue.entries, d.admin.queue.entries));
        p.bar0().write64(Registers.ASQ, d.admin.queue.sqBase);
        p.bar0().write64(Registers.ACQ, d.admin.queue.cqBase);
        enable();
    }

    /** Sets CC.EN, then waits for CSTS.RDY = 1 before the first admin command (NVMe 1.4 §7.6.1). */
    protected void enable() {
        begin("enable");
        writeCc();
        waitFor(Csts::ready, "CSTS.RDY = 1", this::identifyController);
    }

    /** CC: EN, the NVM command set, 4 KiB pages, the arbitration chosen, 64/16-byte I/O queue entries. */
    protected final void writeCc() {
        boolean wrr = d.config.weightedRoundRobin() && d.cap.wrrSupported();
        p.bar0().write32(Registers.CC, Cc.linux(0, wrr ? Cc.AMS_WEIGHTED_ROUND_ROBIN : Cc.AMS_ROUND_ROBIN).encode());
    }

    /** Identify Controller (CNS 01h), then the rest of the bring-up. */
    protected final void identifyController() {
        begin("identify controller");
        int page = d.allocator().allocPage();
        long a = HostMemory.address(page, 0);
        admin(s -> s.command(Opcodes.IDENTIFY, 0).prp1(a).cdw(10, 0x01), cqe -> {
            byte[] id = new byte[IdentifyData.BYTES];
            p.memory().read(a, id, 0, id.length);
            d.allocator().freePage(page);
            d.identified(id);
            numberOfQueues();
        });
    }

    private void numberOfQueues() {
        begin("set number of queues");
        int n = d.config.ioQueues() - 1;
        admin(s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x07).cdw(11, n | n << 16), cqe -> {
            int nsqa = cqe.dw0() & 0xffff;
            int ncqa = cqe.dw0() >>> 16;
            d.ioQueueCount = Math.min(d.config.ioQueues(), Math.min(nsqa, ncqa) + 1);
            if (!d.config.polled()) {
                // Linux nvme_setup_irqs: one vector per I/O queue beside the admin queue's, so at most vectors - 1
                // I/O queues; with a single vector, one I/O queue sharing it with the admin queue.
                d.ioQueueCount = Math.min(d.ioQueueCount, Math.max(p.vectors() - 1, 1));
            }
            activeNamespaces();
        });
    }

    private void activeNamespaces() {
        begin("identify namespaces");
        int page = d.allocator().allocPage();
        long a = HostMemory.address(page, 0);
        admin(s -> s.command(Opcodes.IDENTIFY, 0).prp1(a).cdw(10, 0x02), cqe -> {
            int first = p.memory().read32(a);
            d.allocator().freePage(page);
            if (first == 0) {
                fail("the controller has no active namespace");
                return;
            }
            d.nsid = first;
            identifyNamespace();
        });
    }

    private void identifyNamespace() {
        int page = d.allocator().allocPage();
        long a = HostMemory.address(page, 0);
        admin(s -> s.command(Opcodes.IDENTIFY, 0).nsid(d.nsid).prp1(a).cdw(10, 0x00), cqe -> {
            d.nsBlocks = p.memory().read64(a + IdentifyData.NSZE);
            d.lbads = p.memory().read8(a + IdentifyData.LBAF0 + 2);
            d.allocator().freePage(page);
            features();
        });
    }

    private void features() {
        if (d.config.coalesceThreshold() >= 0) {
            begin("interrupt coalescing");
            int v = (d.config.coalesceThreshold() & 0xff) | (d.config.coalesceTime() & 0xff) << 8;
            admin(s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x08).cdw(11, v), cqe -> arbitration());
        } else {
            arbitration();
        }
    }

    private void arbitration() {
        if (d.config.arbitration() >= 0) {
            begin("arbitration");
            admin(s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x01).cdw(11, d.config.arbitration()),
                    cqe -> asyncEvents());
        } else {
            asyncEvents();
        }
    }

    private void asyncEvents() {
        d.submitAsyncEventRequest();
        created = 0;
        createQueues();
    }

    private void createQueues() {
        if (created == d.ioQueueCount) {
            finish();
            return;
        }
        int qid = ++created;
        begin("create I/O queue " + qid);
        QueuePair q = d.setUpIoQueue(qid);
        int cdw10 = qid | (q.entries - 1) << 16;
        int cqFlags = 1 | (d.config.polled() ? 0 : 2) | q.vector << 16;
        int sqFlags = 1 | d.config.priorityOf(qid) << 1 | qid << 16;
        admin(s -> s.command(Opcodes.CREATE_IO_CQ, 0).prp1(q.cqBase).cdw(10, cdw10).cdw(11, cqFlags),
                cqe -> admin(s -> s.command(Opcodes.CREATE_IO_SQ, 0).prp1(q.sqBase).cdw(10, cdw10).cdw(11, sqFlags),
                        cqe2 -> createQueues()));
    }

    private void finish() {
        finished = true;
        end();
        tracer.end(track, p.now());
        d.broughtUp();
    }

    // ------------------------------------------------------------------ helpers

    private void admin(java.util.function.Consumer<Sqe> build, AdminCallback next) {
        boolean sent = d.admin.submit(build, cqe -> {
            if (cqe == null || finished) {
                return;
            }
            if (!cqe.success()) {
                fail(step + " failed: " + Status.describe(cqe.status()));
                return;
            }
            next.done(cqe);
        }, true);
        if (!sent) {
            fail(step + ": the admin queue is full");
        }
    }

    private void waitFor(IntPredicate condition, String what, Runnable then) {
        waitCondition = condition;
        waitThen = then;
        waitWhat = what;
        waitDeadline = p.now() + (d.cap.to() + 1L) * 500_000_000L;
        pollCsts();
    }

    private void pollCsts() {
        if (finished) {
            return;
        }
        int csts = p.bar0().read32(Registers.CSTS);
        if (waitCondition.test(csts)) {
            waitThen.run();
            return;
        }
        if (Csts.fatal(csts)) {
            fail("controller fatal status (CSTS.CFS = 1) while waiting for " + waitWhat + ", CSTS=0x"
                    + Integer.toHexString(csts));
            return;
        }
        if (p.now() >= waitDeadline) {
            fail("device not ready: no " + waitWhat + " within (CAP.TO + 1) × 500 ms, CSTS=0x"
                    + Integer.toHexString(csts));
            return;
        }
        p.after(d.config.readyPoll(), poll, 0);
    }

    /** Starts the trace slice of step {@code name}, ending the previous one. */
    protected final void begin(String name) {
        end();
        step = name;
        tracer.begin(track, name, p.now());
    }

    private void end() {
        if (step != null) {
            tracer.end(track, p.now());
            step = null;
        }
    }

    /** Stops where it is (the driver gave up on it): closes the trace slices; nothing more happens. */
    void stop() {
        if (finished) {
            return;
        }
        finished = true;
        end();
        tracer.end(track, p.now());
    }

    /** A step failed: stops and tells the driver. */
    private void fail(String reason) {
        if (finished) {
            return;
        }
        stop();
        d.bringUpFailed(reason);
    }
}
