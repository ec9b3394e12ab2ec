package org.sysmodels.nvme.host.driver;

import org.sysmodels.core.sched.Action;
import org.sysmodels.core.trace.Track;
import org.sysmodels.nvme.host.block.BlockDriver;
import org.sysmodels.nvme.host.block.BlockLayer;
import org.sysmodels.nvme.host.block.Request;
import org.sysmodels.nvme.host.driver.DriverEvent.BringUpFailed;
import org.sysmodels.nvme.host.driver.DriverEvent.BroughtUp;
import org.sysmodels.nvme.host.driver.DriverEvent.Probe;
import org.sysmodels.nvme.host.driver.DriverEvent.ResetNeeded;
import org.sysmodels.nvme.host.driver.DriverEvent.ShutDownDone;
import org.sysmodels.nvme.host.driver.DriverState.Dead;
import org.sysmodels.nvme.host.driver.DriverState.Live;
import org.sysmodels.nvme.host.platform.DmaAllocator;
import org.sysmodels.nvme.host.platform.Platform;
import org.sysmodels.nvme.model.command.IdentifyData;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.register.Cap;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * The reference driver, shaped like Linux {@code drivers/nvme/host/pci.c}: {@link BringUp} at probe and after every
 * reset; {@code queue_rq} writes one SQE per request with the blk-mq tag as CID and rings the doorbell only for the
 * last request of a batch; completions by MSI-X interrupt (one vector per queue, vector 0 for the admin queue; at most
 * vectors - 1 I/O queues, and with a single vector one I/O queue sharing it, as {@code nvme_setup_irqs}) or by
 * polling; a request that times out gets an Abort first, and the controller is reset if it times out again or if
 * CSTS.CFS is set ({@code nvme_timeout}); a failed command without DNR is retried up to {@code max_retries} times
 * ({@code nvme_decide_disposition}); after {@code maxResets} resets in a row without a successful command the device
 * is declared dead and every request fails.
 *
 * <p>Its life is a {@link DriverState} machine, one method per state, in {@link DriverLifecycle}. The bug labs are subclasses (in
 * {@code host/labs}) that override one of the protected steps below.
 */
public class LinuxDriver implements BlockDriver, CompletionHandler {

    final DriverConfig config;
    private Platform platform;
    private BlockLayer blk;
    private DriverObserver observer = DriverObserver.NONE;
    private final DriverLifecycle lifecycle;
    private final AsyncEvents asyncEvents = new AsyncEvents(this);
    /** Cached from {@link #state} on every transition: read on every request. */
    private boolean live;
    private boolean dead;
    Cap cap;
    private DriverQueues queues;
    AdminQueue admin;
    /** The I/O queue pairs and PRP lists of {@link #queues}, cached: read on every request. */
    private QueuePair[] io;
    private PrpLists prp;
    int ioQueueCount;
    int nsid;
    int lbads;
    long nsBlocks;
    long maxTransfer;
    private final IoTimeout timeouts = new IoTimeout(this);
    private Track track;
    private final boolean polled;
    private final Action irq = v -> interrupt((int) v);
    private final Action pollQueue = q -> poll((int) q);

    public LinuxDriver(DriverConfig config) {
        this.config = config;
        this.polled = config.polled();
        this.lifecycle = new DriverLifecycle(new Transitions(), config.maxResets());
    }

    public void observe(DriverObserver o) {
        observer = o == null ? DriverObserver.NONE : o;
    }

    @Override
    public String name() {
        return "Linux-style reference driver";
    }

    public DriverState state() {
        return lifecycle.state();
    }

    void handle(DriverEvent e) {
        lifecycle.handle(e);
    }

    /** What the driver's state transitions do to it (see {@link DriverLifecycle}). */
    private final class Transitions implements DriverLifecycle.Effects {

        @Override
        public BringUp newBringUp(boolean afterReset) {
            return LinuxDriver.this.newBringUp(afterReset);
        }

        @Override
        public void entered(DriverState next) {
            live = next instanceof Live;
            dead = next instanceof Dead;
        }

        @Override
        public void resetting(String why) {
            platform.tracer().instant(track, "reset: " + why, platform.now());
            observer.reset(why, platform.now());
            blk.quiesce();
            blk.forEachInFlight(rq -> {
                prp.release(rq);
                blk.cancel(rq);
            });
            admin.cancelAll();
        }

        @Override
        public void live(boolean afterReset) {
            int depth = config.tagDepth() > 0 ? config.tagDepth() : io[0].entries - 1;
            if (!afterReset) {
                observer.live(ioQueueCount, depth, platform.now());
            }
            blk.ready(ioQueueCount, depth);
        }

        @Override
        public void died(Dead d) {
            switch (d.how()) {
                case PROBE_FAILED -> blk.failed("probe failed: " + d.reason());
                case REMOVED -> {
                    platform.tracer().instant(track, "device dead: " + d.reason(), platform.now());
                    blk.forEachInFlight(rq -> prp.release(rq));
                    blk.failAll(StatusCode.INTERNAL_ERROR.dnr());
                    blk.failed("device removed: " + d.reason());
                }
                case SHUT_DOWN -> {
                }
            }
        }
    }

    boolean live() {
        return live;
    }

    Track track() {
        return track;
    }

    /** The block layer this driver serves (a bug lab ends requests through it). */
    protected final BlockLayer blockLayer() {
        return blk;
    }

    // ------------------------------------------------------------------ probe and bring-up (called by BringUp)

    @Override
    public void probe(Platform p, BlockLayer b) {
        platform = p;
        blk = b;
        track = p.tracer().track("host", "driver");
        queues = new DriverQueues(p, config);
        for (int v = 0; v < p.vectors(); v++) {
            p.onInterrupt(v, irq);
        }
        handle(new Probe());
    }

    /** The bring-up a probe or a reset runs (a bug lab may run a variant). */
    protected BringUp newBringUp(boolean afterReset) {
        return new BringUp(this, platform, afterReset);
    }

    /** The platform this driver was probed on. */
    protected final Platform platform() {
        return platform;
    }

    DmaAllocator allocator() {
        return platform.allocator();
    }

    void setUpAdminQueue() {
        admin = queues.setUpAdmin(cap, why -> handle(new ResetNeeded(why)));
    }

    void identified(byte[] id) {
        int mdts = id[IdentifyData.MDTS] & 0xff;
        long minPage = 1L << (12 + cap.mpsmin());
        maxTransfer = mdts == 0 ? 1L << 20 : Math.min(1L << 20, minPage << mdts);
    }

    QueuePair setUpIoQueue(int qid) {
        QueuePair q = queues.setUpIo(qid, ioQueueCount, cap, this::newIoQueuePair);
        io = queues.io();
        prp = queues.prp();
        return q;
    }

    /** The host side of I/O queue pair {@code qid} (a bug lab may return a variant). */
    protected QueuePair newIoQueuePair(int qid, long sqBase, long cqBase, int entries, int dstrd, int vector) {
        return new QueuePair(qid, sqBase, cqBase, entries, dstrd, vector, platform.memory(), platform.bar0());
    }

    void broughtUp() {
        handle(new BroughtUp());
    }

    void bringUpFailed(String reason) {
        handle(new BringUpFailed(reason));
    }

    void submitAsyncEventRequest() {
        asyncEvents.submit();
    }

    DriverObserver observer() {
        return observer;
    }

    // ------------------------------------------------------------------ I/O

    @Override
    public boolean queueRq(int hctx, Request rq, boolean last) {
        QueuePair q = io[hctx];
        if (!live || q.sqFull()) {
            if (last) {
                q.ring();
            }
            return false;
        }
        int cid = commandId(rq);
        if (rq.op() == Request.READ || rq.op() == Request.WRITE) {
            long prp2 = prp.secondPointer(hctx, rq);
            if (prp2 < 0) {
                return false;
            }
            q.pushReadWrite(rq.op() == Request.READ ? Opcodes.READ : Opcodes.WRITE, cid, rq.nsid(),
                    PrpLists.firstPointer(rq), prp2, rq.lba(), rq.blocks() - 1);
        } else {
            NonDataCommands.push(q, rq, cid, platform.memory());
        }
        issued(rq);
        if (last) {
            q.ring();
        }
        schedulePoll(q);
        return true;
    }

    /** The command identifier of a request: its blk-mq tag, unique among its queue's commands in flight. */
    protected int commandId(Request rq) {
        return rq.tag();
    }

    /** The request's SQE is in the queue (its doorbell may wait for the batch). The reference does nothing here. */
    protected void issued(Request rq) {
    }

    @Override
    public void commitRqs(int hctx) {
        io[hctx].ring();
    }

    private void interrupt(int vector) {
        QueuePair q = queues.byVector(vector);
        if (q == null || dead) {
            return;
        }
        q.reap(this);
        if (vector == 0 && queues.ioOnAdminVector() != null) {
            queues.ioOnAdminVector().reap(this);
        }
    }

    private void schedulePoll(QueuePair q) {
        if (polled && !q.pollScheduled) {
            q.pollScheduled = true;
            platform.after(config.pollInterval(), pollQueue, q.qid);
        }
    }

    private void poll(int qid) {
        QueuePair q = io[qid - 1];
        q.pollScheduled = false;
        if (dead) {
            return;
        }
        q.reap(this);
        if (q.inFlight > 0) {
            schedulePoll(q);
        }
    }

    @Override
    public void completion(int qid, int cid, int status, int dw0, int sqhd) {
        if (qid == 0) {
            if (!admin.complete(cid, new Cqe(dw0, sqhd, 0, cid, 0, status))) {
                observer.unknownCompletion(qid, cid, platform.now());
            }
            return;
        }
        int h = qid - 1;
        Request rq = blk.byTag(h, cid);
        if (rq == null) {
            // Linux: "invalid id %d completed on queue %d".
            observer.unknownCompletion(qid, cid, platform.now());
            return;
        }
        prp.release(rq);
        if (status != 0 && !Status.dnr(status) && rq.retries() < config.maxRetries() && live) {
            rq.retried();
            blk.requeue(rq);
            return;
        }
        if (status == 0) {
            lifecycle.progress();
        }
        blk.complete(rq, status);
    }

    // ------------------------------------------------------------------ timeouts

    @Override
    public boolean timeout(Request rq) {
        return timeouts.expired(rq);
    }

    /**
     * The Abort sent for {@code rq} completed; {@code aborted} when its Dword 0 bit 0 is 0 (NVMe 1.4 §5.1). The
     * reference does nothing: the aborted command's own CQE, with Command Abort Requested, ends the request (NVMe 1.4
     * §5.1; Linux {@code abort_endio} in drivers/nvme/host/pci.c only logs the Abort's status).
     */
    protected void abortDone(Request rq, boolean aborted) {
    }

    // ------------------------------------------------------------------ shutdown

    @Override
    public void shutdown(Runnable done) {
        if (!live) {
            done.run();
            return;
        }
        blk.quiesce();
        new ShutdownSequence(admin, platform, config.readyPoll(), () -> handle(new ShutDownDone()))
                .start(ioQueueCount, done);
    }

    // ------------------------------------------------------------------ inspection

    public int ioQueues() {
        return ioQueueCount;
    }

    public int namespaceId() {
        return nsid;
    }

    public int lbaSize() {
        return 1 << lbads;
    }

    public long namespaceBlocks() {
        return nsBlocks;
    }

    public long maxTransferBytes() {
        return maxTransfer;
    }

    public long resets() {
        return lifecycle.resets();
    }

    public long aborts() {
        return timeouts.aborts();
    }

    public boolean dead() {
        return dead;
    }

    public String deathReason() {
        return lifecycle.state() instanceof Dead d ? d.reason() : null;
    }

    /** Doorbell writes to SQ tails so far (batching makes this fewer than commands). */
    public long sqDoorbellWrites() {
        return queues == null ? 0 : queues.sqDoorbellWrites();
    }

    /** The host queue pair of I/O queue {@code qid}, for the threaded host loop. */
    QueuePair ioQueue(int qid) {
        return io[qid - 1];
    }
}
