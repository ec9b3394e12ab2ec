package org.sysmodels.nvme.host;

import org.sysmodels.core.sched.Action;
import org.sysmodels.core.trace.Track;
import org.sysmodels.nvme.model.Cap;
import org.sysmodels.nvme.model.Cc;
import org.sysmodels.nvme.model.Cqe;
import org.sysmodels.nvme.model.Csts;
import org.sysmodels.nvme.model.HostMemory;
import org.sysmodels.nvme.model.IdentifyData;
import org.sysmodels.nvme.model.Opcodes;
import org.sysmodels.nvme.model.Registers;
import org.sysmodels.nvme.model.Sqe;
import org.sysmodels.nvme.model.Status;
import org.sysmodels.nvme.model.StatusCode;

/**
 * The reference driver, shaped like Linux {@code drivers/nvme/host/pci.c}: {@link BringUp} at probe and after every
 * reset; {@code queue_rq} writes one SQE per request with the blk-mq tag as CID and rings the doorbell only for the
 * last request of a batch; completions by MSI-X interrupt (one vector per queue, vector 0 for the admin queue) or by
 * polling; a request that times out gets an Abort first, and the controller is reset if it times out again or if
 * CSTS.CFS is set ({@code nvme_timeout}); a failed command without DNR is retried up to {@code max_retries} times
 * ({@code nvme_decide_disposition}); after {@code maxResets} resets in a row without a successful command the device
 * is declared dead and every request fails.
 *
 * <p>A {@link DriverBug} other than NONE makes it one of the bug-lab variants.
 */
public final class LinuxDriver implements BlockDriver, CompletionHandler {

    enum State { PROBING, LIVE, RESETTING, DEAD }

    final DriverConfig config;
    final DriverBug bug;
    private Platform platform;
    private BlockLayer blk;
    private DriverObserver observer = DriverObserver.NONE;
    Cap cap;
    AdminQueue admin;
    private QueuePair[] io;
    private QueuePair[] byVector;
    private long[] ioSqBase;
    private long[] ioCqBase;
    private int[][] prpList;
    int ioQueueCount;
    int nsid;
    int lbads;
    long nsBlocks;
    long maxTransfer;
    private State state = State.PROBING;
    private BringUp bringUp;
    private int resetsInARow;
    private long resets;
    private long aborts;
    private String deathReason;
    private Track track;
    private final boolean cidBug;
    private final boolean freeEarlyBug;
    private final boolean polled;
    private final Action irq = v -> interrupt((int) v);
    private final Action pollQueue = q -> poll((int) q);

    public LinuxDriver(DriverConfig config, DriverBug bug) {
        this.config = config;
        this.bug = bug;
        this.cidBug = bug == DriverBug.CID_REUSED;
        this.freeEarlyBug = bug == DriverBug.BUFFER_FREED_EARLY;
        this.polled = config.polled();
    }

    public LinuxDriver(DriverConfig config) {
        this(config, DriverBug.NONE);
    }

    public void observe(DriverObserver o) {
        observer = o == null ? DriverObserver.NONE : o;
    }

    @Override
    public String name() {
        return bug == DriverBug.NONE ? "Linux-style reference driver" : "reference driver with bug " + bug;
    }

    // ------------------------------------------------------------------ probe and reset

    @Override
    public void probe(Platform p, BlockLayer b) {
        platform = p;
        blk = b;
        track = p.tracer().track("host", "driver");
        for (int v = 0; v < p.vectors(); v++) {
            p.onInterrupt(v, irq);
        }
        bringUp = new BringUp(this, p, false);
        bringUp.start();
    }

    DmaAllocator allocator() {
        return platform.allocator();
    }

    void setUpAdminQueue() {
        if (admin == null) {
            int entries = config.adminQueueEntries();
            long sq = allocator().allocContiguous((long) entries * Sqe.BYTES);
            long cq = allocator().allocContiguous((long) entries * Cqe.BYTES);
            QueuePair q = new QueuePair(0, sq, cq, entries, cap.dstrd(), 0, platform.memory(), platform.bar0(),
                    DriverBug.NONE);
            admin = new AdminQueue(q, platform, config.adminTimeout(), reason -> reset(reason));
            byVector = new QueuePair[platform.vectors()];
            byVector[0] = q;
        }
        admin.queue.reset();
    }

    void identified(byte[] id) {
        int mdts = id[IdentifyData.MDTS] & 0xff;
        long minPage = 1L << (12 + cap.mpsmin());
        maxTransfer = mdts == 0 ? 1L << 20 : Math.min(1L << 20, minPage << mdts);
    }

    QueuePair setUpIoQueue(int qid) {
        int entries = Math.min(config.ioQueueEntries(), cap.mqes() + 1);
        if (io == null) {
            io = new QueuePair[ioQueueCount];
            ioSqBase = new long[ioQueueCount];
            ioCqBase = new long[ioQueueCount];
            prpList = new int[ioQueueCount][];
        }
        int h = qid - 1;
        if (io[h] == null) {
            ioSqBase[h] = allocator().allocContiguous((long) entries * Sqe.BYTES);
            ioCqBase[h] = allocator().allocContiguous((long) entries * Cqe.BYTES);
            int vector = config.polled() ? 0 : qid % platform.vectors();
            io[h] = new QueuePair(qid, ioSqBase[h], ioCqBase[h], entries, cap.dstrd(), vector, platform.memory(),
                    platform.bar0(), bug);
            prpList[h] = new int[Math.max(entries, config.tagDepth())];
            java.util.Arrays.fill(prpList[h], -1);
            if (!config.polled()) {
                byVector[vector] = io[h];
            }
        }
        io[h].reset();
        return io[h];
    }

    void submitAsyncEventRequest() {
        admin.submit(s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0), this::asyncEvent, false);
    }

    private void asyncEvent(Cqe cqe) {
        if (cqe == null || state == State.DEAD) {
            return;
        }
        observer.asyncEvent(cqe.dw0(), platform.now());
        // Linux reads the Error Information log to clear an error event, then re-arms the AER.
        int page = allocator().allocPage();
        long a = HostMemory.address(page, 0);
        admin.submit(s -> s.command(Opcodes.GET_LOG_PAGE, 0).prp1(a).cdw(10, 0x01 | 15 << 16),
                log -> allocator().freePage(page), true);
        submitAsyncEventRequest();
    }

    void live(boolean afterReset) {
        state = State.LIVE;
        int depth = config.tagDepth() > 0 ? config.tagDepth() : io[0].entries - 1;
        if (!afterReset) {
            observer.live(ioQueueCount, depth, platform.now());
        }
        blk.ready(ioQueueCount, depth);
    }

    void bringUpFailed(String reason) {
        if (state == State.DEAD) {
            return;
        }
        if (state == State.RESETTING) {
            die("reset failed: " + reason);
            return;
        }
        state = State.DEAD;
        deathReason = reason;
        blk.failed("probe failed: " + reason);
    }

    /** Controller reset ({@code nvme_reset_ctrl}): quiesce, requeue what is in flight, bring the device up again. */
    void reset(String why) {
        if (state == State.DEAD) {
            return;
        }
        if (state == State.PROBING || state == State.RESETTING) {
            // An admin command timed out during bring-up: the bring-up (or the reset) has failed.
            bringUp.abort(why);
            return;
        }
        resets++;
        if (++resetsInARow > config.maxResets()) {
            die(config.maxResets() + " controller resets without progress; last: " + why);
            return;
        }
        platform.tracer().instant(track, "reset: " + why, platform.now());
        observer.reset(why, platform.now());
        state = State.RESETTING;
        blk.quiesce();
        blk.forEachInFlight(rq -> {
            releasePrpList(rq);
            blk.cancel(rq);
        });
        admin.cancelAll();
        bringUp = new BringUp(this, platform, true);
        bringUp.start();
    }

    private void die(String reason) {
        state = State.DEAD;
        deathReason = reason;
        platform.tracer().instant(track, "device dead: " + reason, platform.now());
        blk.forEachInFlight(this::releasePrpList);
        blk.failAll(StatusCode.INTERNAL_ERROR.dnr());
        blk.failed("device removed: " + reason);
    }

    // ------------------------------------------------------------------ I/O

    @Override
    public boolean queueRq(int hctx, Request rq, boolean last) {
        QueuePair q = io[hctx];
        if (state != State.LIVE || q.sqFull()) {
            if (last) {
                q.ring();
            }
            return false;
        }
        int cid = cidBug ? rq.tag & 7 : rq.tag;
        if (rq.op == Request.READ || rq.op == Request.WRITE) {
            long prp1 = HostMemory.address(rq.pages[0], 0);
            long prp2 = 0;
            if (rq.bytes > HostMemory.PAGE_SIZE) {
                prp2 = secondPointer(hctx, rq);
                if (prp2 < 0) {
                    return false;
                }
            }
            q.pushReadWrite(rq.op == Request.READ ? Opcodes.READ : Opcodes.WRITE, cid, rq.nsid, prp1, prp2, rq.lba,
                    rq.blocks - 1);
        } else {
            pushNonData(q, rq, cid);
        }
        if (freeEarlyBug) {
            freePagesNow(rq);
        }
        if (last) {
            q.ring();
        }
        schedulePoll(q);
        return true;
    }

    /** Flush, Write Zeroes and discard: the commands without a data buffer to map (kept out of the Read/Write path). */
    private void pushNonData(QueuePair q, Request rq, int cid) {
        Sqe s = q.sqe.clear();
        switch (rq.op) {
            case Request.FLUSH -> s.command(Opcodes.FLUSH, cid).nsid(rq.nsid);
            case Request.WRITE_ZEROES -> s.command(Opcodes.WRITE_ZEROES, cid).nsid(rq.nsid).cdw10_11(rq.lba)
                    .cdw(12, rq.blocks - 1);
            default -> {
                // Discard: a Dataset Management deallocate of one range, kept in the request's first page.
                long a = HostMemory.address(rq.pages[0], 0);
                platform.memory().write32(a, 0);
                platform.memory().write32(a + 4, rq.blocks);
                platform.memory().write64(a + 8, rq.lba);
                s.command(Opcodes.DATASET_MANAGEMENT, cid).nsid(rq.nsid).prp1(a).cdw(10, 0).cdw(11, 1 << 2);
            }
        }
        q.push();
    }

    /** The buffer-freed-early bug lab: gives the data pages back while the device may still write them. */
    private void freePagesNow(Request rq) {
        for (int i = 0; i < rq.pageCount; i++) {
            allocator().freePage(rq.pages[i]);
        }
    }

    /**
     * PRP2 for a buffer of more than one page (NVMe 1.4 §4.3; the buffer starts page aligned): the second page if
     * there are two, else a PRP list page holding the addresses of pages 2..n. @return -1 if no list page is free
     */
    private long secondPointer(int hctx, Request rq) {
        int pages = (rq.bytes + HostMemory.PAGE_SIZE - 1) / HostMemory.PAGE_SIZE;
        if (pages == 2) {
            return HostMemory.address(rq.pages[1], 0);
        }
        int list = allocator().allocPage();
        if (list < 0) {
            return -1;
        }
        long a = HostMemory.address(list, 0);
        for (int i = 1; i < pages; i++) {
            platform.memory().write64(a + 8L * (i - 1), HostMemory.address(rq.pages[i], 0));
        }
        prpList[hctx][rq.tag] = list;
        return a;
    }

    private void releasePrpList(Request rq) {
        int h = rq.hctx;
        if (rq.bytes > 2 * HostMemory.PAGE_SIZE && h >= 0 && prpList != null && rq.tag >= 0
                && prpList[h][rq.tag] >= 0) {
            allocator().freePage(prpList[h][rq.tag]);
            prpList[h][rq.tag] = -1;
        }
    }

    @Override
    public void commitRqs(int hctx) {
        io[hctx].ring();
    }

    private void interrupt(int vector) {
        QueuePair q = byVector == null ? null : byVector[vector];
        if (q == null || state == State.DEAD) {
            return;
        }
        q.reap(this, q.qid == 0 || bug != DriverBug.CQ_HEAD_NEVER_WRITTEN);
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
        if (state == State.DEAD) {
            return;
        }
        q.reap(this, bug != DriverBug.CQ_HEAD_NEVER_WRITTEN);
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
        releasePrpList(rq);
        if (status != 0 && !Status.dnr(status) && rq.retries < config.maxRetries() && state == State.LIVE) {
            rq.retries++;
            blk.requeue(rq);
            return;
        }
        if (status == 0) {
            resetsInARow = 0;
        }
        blk.complete(rq, status);
    }

    // ------------------------------------------------------------------ timeouts

    @Override
    public boolean timeout(Request rq) {
        if (state == State.RESETTING) {
            return true;
        }
        if (state != State.LIVE) {
            return false;
        }
        int csts = platform.bar0().read32(Registers.CSTS);
        if (Csts.fatal(csts)) {
            reset("controller fatal status (CSTS.CFS = 1)");
            return false;
        }
        if (!rq.abortSent) {
            rq.abortSent = true;
            aborts++;
            int qid = rq.hctx + 1;
            int cid = rq.tag;
            platform.tracer().instant(track, "abort", platform.now(), "qid", qid, "cid", cid);
            admin.submit(s -> s.command(Opcodes.ABORT, 0).cdw(10, qid | cid << 16),
                    cqe -> observer.abortResult(qid, cid, cqe != null && (cqe.dw0() & 1) == 0, platform.now()),
                    true);
            return true;
        }
        reset("I/O timeout on queue " + (rq.hctx + 1) + " command " + rq.tag + " after an abort");
        return false;
    }

    // ------------------------------------------------------------------ shutdown

    @Override
    public void shutdown(Runnable done) {
        if (state != State.LIVE) {
            done.run();
            return;
        }
        blk.quiesce();
        deleteQueues(ioQueueCount, done);
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

    /** CC.SHN = 01b, then wait for CSTS.SHST = 10b (NVMe 1.4 §7.6.2). */
    private void notifyShutdown(Runnable done) {
        int cc = platform.bar0().read32(Registers.CC);
        platform.bar0().write32(Registers.CC, Cc.decode(cc).withShn(Cc.SHN_NORMAL).encode());
        long deadline = platform.now() + 5_000_000_000L;
        Action[] check = new Action[1];
        check[0] = x -> {
            int csts = platform.bar0().read32(Registers.CSTS);
            if (Csts.shst(csts) == Csts.SHST_COMPLETE || platform.now() >= deadline) {
                state = State.DEAD;
                deathReason = "shut down";
                done.run();
            } else {
                platform.after(config.readyPoll(), check[0], 0);
            }
        };
        check[0].run(0);
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
        return resets;
    }

    public long aborts() {
        return aborts;
    }

    public boolean dead() {
        return state == State.DEAD;
    }

    public String deathReason() {
        return deathReason;
    }

    /** Doorbell writes to SQ tails so far (batching makes this fewer than commands). */
    public long sqDoorbellWrites() {
        long n = 0;
        if (io != null) {
            for (QueuePair q : io) {
                n += q == null ? 0 : q.doorbellWrites;
            }
        }
        return n;
    }

    /** The host queue pair of I/O queue {@code qid}, for the threaded host loop. */
    QueuePair ioQueue(int qid) {
        return io[qid - 1];
    }
}
