package org.sysmodels.nvme.model;

import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.nvme.model.ControllerObserver.DoorbellProblem;

/**
 * The path of a command through the controller: a tail doorbell publishes SQ entries; arbitration picks a queue and
 * the controller fetches an entry into a command context (NVMe 1.4 §4.13: fetching is what moves the SQ head);
 * admin commands run at once, I/O commands are validated and wait for an internal unit; when service ends the data
 * moves and a CQE is posted, or waits if the CQ is full, until a head doorbell makes room (§4.1, §4.6).
 *
 * <p>Doorbell checks (§3.1.24–3.1.25, and the Error event causes of §5.2.1): a write for a queue that does not exist
 * raises "Write to Invalid Doorbell Register"; a value ≥ the queue size, an SQ tail adding more entries than there
 * are free slots, or a CQ head releasing more entries than were posted raises "Invalid Doorbell Write Value". In all
 * those cases the write is ignored.
 */
final class Pipeline {

    private final Controller c;
    private final HostMemory memory;
    private final Scheduler scheduler;
    private final RandomStream serviceRandom;
    private final SubmissionQueue[] sqs;
    private final CompletionQueue[] cqs;
    private final int[] seen;
    final CommandPool pool;
    final Arbiter arbiter;
    final ServiceUnits units;
    final Interrupts interrupts;
    final AsyncEvents events;
    final ErrorLog errorLog;
    final HealthLog health = new HealthLog();
    final Features features = new Features();
    private final AdminCommands admin;
    private final NvmCommands nvm;
    private boolean polled;
    private int[] polledDoorbells = new int[0];
    private boolean fetchScheduled;
    private long fetchEvent;
    private boolean inFetch;
    private long traceIds;
    private final boolean fatalPlanned;
    private final boolean stuckPlanned;
    private final ControllerTrace trace;
    /** Per NVM opcode: the service time when it is a fixed value (sampling skipped), else -1. */
    private final long[] fixedService = new long[256];
    private final org.sysmodels.core.random.Distribution[] serviceOf = new org.sysmodels.core.random.Distribution[256];
    ControllerObserver observer = ControllerObserver.NONE;
    private final Action fetchAction = ignored -> fetchLoop();
    private final Action serviceDone;
    private final Action adminRun;
    private final Action transferDone;
    private final boolean linkLimited;
    private long linkFreeAt;

    Pipeline(Controller controller, RandomStream serviceRandom) {
        this.c = controller;
        this.memory = controller.memory();
        this.scheduler = controller.scheduler();
        this.serviceRandom = serviceRandom;
        ControllerConfig config = controller.config();
        int maxQid = config.maxIoQueuePairs();
        sqs = new SubmissionQueue[maxQid + 1];
        cqs = new CompletionQueue[maxQid + 1];
        seen = new int[2 * (maxQid + 1)];
        int segmentCapacity = (int) (config.maxTransferBytes() / HostMemory.PAGE_SIZE) + 2;
        pool = new CommandPool(config.deviceQueueDepth() + config.aerLimit() + 1, segmentCapacity);
        arbiter = new Arbiter(maxQid);
        units = new ServiceUnits(config.service().units());
        interrupts = new Interrupts(scheduler, config.msixVectors());
        events = new AsyncEvents(config.aerLimit() + 1, this::complete);
        errorLog = new ErrorLog(config.errorLogEntries());
        admin = new AdminCommands(controller, this);
        nvm = new NvmCommands(controller, this);
        fatalPlanned = controller.faults.planned(FaultKinds.CONTROLLER_FATAL);
        stuckPlanned = controller.faults.planned(FaultKinds.STUCK_COMMAND);
        trace = controller.trace;
        ServiceModel model = config.service();
        for (int op = 0; op < 256; op++) {
            serviceOf[op] = model.forOpcode(op);
            fixedService[op] = serviceOf[op] instanceof org.sysmodels.core.random.Distribution.Fixed f ? f.value() : -1;
        }
        serviceDone = index -> serviceDone(pool.get((int) index));
        transferDone = index -> transferred(pool.get((int) index));
        linkLimited = model.bandwidth() > 0;
        adminRun = index -> runAdmin(pool.get((int) index));
    }

    void polled(boolean on) {
        polled = on;
        int n = 0;
        int[] active = new int[seen.length];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = c.doorbells.lvValue(i);
            if ((i & 1) == 0 ? sqs[i >>> 1] != null : cqs[i >>> 1] != null) {
                active[n++] = i;
            }
        }
        // The doorbells of the queues that exist now: the queue set does not change while the device thread runs.
        polledDoorbells = java.util.Arrays.copyOf(active, n);
    }

    SubmissionQueue sq(int qid) {
        return qid >= 0 && qid < sqs.length ? sqs[qid] : null;
    }

    CompletionQueue cq(int qid) {
        return qid >= 0 && qid < cqs.length ? cqs[qid] : null;
    }

    int maxQid() {
        return sqs.length - 1;
    }

    int inside() {
        return pool.inUse();
    }

    boolean drained() {
        return pool.inUse() == events.outstanding();
    }

    // ------------------------------------------------------------------ doorbells

    /** Device thread, polled mode: picks up doorbell values that changed, then fetches. */
    boolean poll() {
        boolean progress = false;
        int[] active = polledDoorbells;
        for (int k = 0; k < active.length; k++) {
            int i = active[k];
            int v = c.doorbells.lvValue(i);
            if (v != seen[i]) {
                seen[i] = v;
                doorbellWritten(i, v);
                progress = true;
            }
        }
        long before = traceIds;
        fetchLoop();
        return progress || traceIds != before;
    }

    void doorbellWritten(int index, int raw) {
        int qid = index >>> 1;
        boolean completion = (index & 1) != 0;
        int value = raw & 0xffff;
        long now = c.now();
        trace.doorbell(qid, completion, value, now);
        if (!c.processing()) {
            observer.doorbellWhileNotReady(qid, completion, value, now);
            return;
        }
        if (completion) {
            cqHeadDoorbell(qid, value, now);
        } else {
            sqTailDoorbell(qid, value, now);
        }
    }

    /** A doorbell offset beyond every queue this controller can have. */
    void doorbellOutsideTable(int index, int value) {
        long now = c.now();
        if (!c.processing()) {
            observer.doorbellWhileNotReady(index >>> 1, (index & 1) != 0, value, now);
            return;
        }
        invalidDoorbell(index >>> 1, (index & 1) != 0, value, DoorbellProblem.NO_SUCH_QUEUE, now);
    }

    private void sqTailDoorbell(int qid, int value, long now) {
        SubmissionQueue sq = sq(qid);
        if (sq == null) {
            invalidDoorbell(qid, false, value, DoorbellProblem.NO_SUCH_QUEUE, now);
            return;
        }
        if (value >= sq.size) {
            invalidDoorbell(qid, false, value, DoorbellProblem.VALUE_OUT_OF_RANGE, now);
            return;
        }
        int added = Ring.distance(sq.tail, value, sq.size);
        if (sq.pending() + added > sq.size - 1) {
            invalidDoorbell(qid, false, value, DoorbellProblem.SQ_OVERFLOW, now);
            return;
        }
        sq.tail = value;
        trace.occupancy(sq, null, now);
        if (added > 0) {
            kick();
        }
    }

    private void cqHeadDoorbell(int qid, int value, long now) {
        CompletionQueue cq = cq(qid);
        if (cq == null) {
            invalidDoorbell(qid, true, value, DoorbellProblem.NO_SUCH_QUEUE, now);
            return;
        }
        if (value >= cq.size) {
            invalidDoorbell(qid, true, value, DoorbellProblem.VALUE_OUT_OF_RANGE, now);
            return;
        }
        if (Ring.distance(cq.head, value, cq.size) > cq.occupied()) {
            invalidDoorbell(qid, true, value, DoorbellProblem.CQ_UNDERFLOW, now);
            return;
        }
        cq.head = value;
        if (cq.stalled > 0 && !cq.full()) {
            long stalledFor = now - cq.stalledSince;
            boolean wasExhausted = !pool.hasFree();
            while (cq.stalled > 0 && !cq.full()) {
                post(cq.takeStalled(), now);
            }
            cq.stalledSince = now;
            observer.completionQueueRoom(qid, stalledFor, now);
            if (wasExhausted) {
                kick();
            }
        }
        trace.occupancy(null, cq, now);
    }

    private void invalidDoorbell(int qid, boolean completion, int value, DoorbellProblem p, long now) {
        observer.invalidDoorbell(qid, completion, value, p, now);
        int info = p == DoorbellProblem.NO_SUCH_QUEUE ? AsyncEvent.INVALID_DOORBELL_REGISTER
                : AsyncEvent.INVALID_DOORBELL_VALUE;
        errorLog.record(qid, 0xffff, 0, 0, 0);
        events.raise(AsyncEvent.dw0(AsyncEvent.TYPE_ERROR, info, AsyncEvent.LOG_ERROR_INFORMATION));
    }

    // ------------------------------------------------------------------ fetch

    /** There may be something to fetch: schedule a fetch pass unless one is pending or running. */
    void kick() {
        if (polled || fetchScheduled || inFetch) {
            return;
        }
        fetchScheduled = true;
        fetchEvent = scheduler.after(c.config().fetchLatency(), fetchAction, 0);
    }

    private void fetchLoop() {
        fetchScheduled = false;
        inFetch = true;
        try {
            while (c.fetching && pool.hasFree()) {
                SubmissionQueue sq = arbiter.next();
                if (sq == null) {
                    break;
                }
                fetch(sq);
            }
        } finally {
            inFetch = false;
        }
    }

    private void fetch(SubmissionQueue sq) {
        long now = c.now();
        if (fatalPlanned && c.faults.fires(FaultKinds.CONTROLLER_FATAL, FaultKinds.CONTROLLER, now)) {
            c.fatal("injected fatal controller error (fault \"" + FaultKinds.CONTROLLER_FATAL + "\")");
            return;
        }
        Command cmd = pool.take();
        if (!cmd.sqe.fetch(memory, sq.slot(sq.head))) {
            pool.release(cmd);
            c.fatal("SQ " + sq.qid + " slot " + sq.head + " lies outside host memory");
            return;
        }
        sq.head = Ring.next(sq.head, sq.size);
        sq.inDevice++;
        sq.fetched++;
        cmd.sq = sq;
        cmd.fetchedAt = now;
        cmd.traceId = ++traceIds;
        observer.fetched(sq.qid, cmd.cid(), cmd.opcode(), now);
        trace.fetched(cmd, now);
        if (!sq.claimCid(cmd.cid())) {
            cmd.ownsCid = false;
            complete(cmd, StatusCode.COMMAND_ID_CONFLICT.dnr(), 0);
            return;
        }
        cmd.ownsCid = true;
        if (sq.qid == 0) {
            dispatchAdmin(cmd, now);
        } else {
            int status = nvm.validate(cmd);
            if (status != Status.SUCCESS) {
                complete(cmd, status, 0);
            } else {
                startService(cmd, now);
            }
        }
    }

    private void dispatchAdmin(Command cmd, long now) {
        long t = c.config().service().admin().sample(serviceRandom);
        if (t == 0) {
            admin.execute(cmd);
        } else {
            cmd.state = Command.ADMIN_PENDING;
            cmd.event = scheduler.after(t, adminRun, cmd.index);
        }
    }

    private void runAdmin(Command cmd) {
        cmd.event = 0;
        if (cmd.state == Command.ADMIN_PENDING && c.processing()) {
            admin.execute(cmd);
        }
    }

    // ------------------------------------------------------------------ service

    private void startService(Command cmd, long now) {
        int op = cmd.opcode();
        if (fixedService[op] == 0 && units.waiting() == 0 && units.busy() < units.units() && !stuckPlanned
                && !linkLimited) {
            // Zero service time and a free unit, nobody queued: occupying the unit for no time changes nothing.
            cmd.state = Command.IN_SERVICE;
            cmd.startedAt = now;
            complete(cmd, nvm.execute(cmd), 0);
            return;
        }
        int unit = units.acquire(now);
        if (unit < 0) {
            cmd.state = Command.WAITING_FOR_UNIT;
            units.enqueue(cmd);
            return;
        }
        begin(cmd, unit, now);
    }

    private void begin(Command cmd, int unit, long now) {
        cmd.unit = unit;
        cmd.state = Command.IN_SERVICE;
        cmd.startedAt = now;
        if (stuckPlanned && cmd.namespace != null
                && c.faults.fires(FaultKinds.STUCK_COMMAND, FaultKinds.target(cmd.namespace.nsid()), now)) {
            // Lost inside the firmware: it frees its unit but never completes, unless aborted or reset.
            units.release(unit, now);
            cmd.unit = -1;
            cmd.state = Command.HELD;
            nextWaiting(now);
            return;
        }
        int op = cmd.opcode();
        long t = fixedService[op] >= 0 ? fixedService[op] : serviceOf[op].sample(serviceRandom);
        if (t == 0) {
            serviceDone(cmd);
        } else {
            cmd.event = scheduler.after(t, serviceDone, cmd.index);
        }
    }

    private void serviceDone(Command cmd) {
        long now = c.now();
        cmd.event = 0;
        if (cmd.state != Command.IN_SERVICE) {
            return;
        }
        units.release(cmd.unit, now);
        health.busyNanos += now - cmd.startedAt;
        trace.served(cmd, cmd.startedAt, now);
        cmd.unit = -1;
        int op = cmd.opcode();
        if (linkLimited && (op == Opcodes.READ || op == Opcodes.WRITE)) {
            // The media part is done; the data waits for the link, one transfer at a time.
            long start = Math.max(now, linkFreeAt);
            linkFreeAt = start + c.config().service().transferTime(cmd.segments.total());
            cmd.state = Command.TRANSFERRING;
            cmd.event = scheduler.at(linkFreeAt, transferDone, cmd.index);
        } else {
            complete(cmd, nvm.execute(cmd), 0);
        }
        nextWaiting(now);
    }

    private void transferred(Command cmd) {
        cmd.event = 0;
        if (cmd.state == Command.TRANSFERRING) {
            complete(cmd, nvm.execute(cmd), 0);
        }
    }

    private void nextWaiting(long now) {
        if (units.waiting() > 0 && c.processing()) {
            int unit = units.acquire(now);
            if (unit >= 0) {
                begin(units.dequeue(), unit, now);
            }
        }
    }

    // ------------------------------------------------------------------ completion

    /** Completes a command: posts its CQE, or parks it if the CQ is full. */
    void complete(Command cmd, int status, int dw0) {
        cmd.status = status;
        cmd.result = dw0;
        if (!Status.isSuccess(status)) {
            errorLog.record(cmd.sq.qid, cmd.cid(), status, cmd.slba, cmd.sqe.nsid());
        }
        if (!c.processing) {
            return;
        }
        CompletionQueue cq = cmd.sq.cq;
        long now = c.now();
        if (cq.stalled > 0 || cq.full()) {
            cmd.state = Command.WAITING_FOR_CQ;
            if (cq.stalled == 0) {
                observer.completionQueueFull(cq.qid, now);
            }
            cq.addStalled(cmd, now);
            return;
        }
        post(cmd, now);
    }

    private void post(Command cmd, long now) {
        SubmissionQueue sq = cmd.sq;
        CompletionQueue cq = sq.cq;
        if (!Cqe.post(memory, cq.slot(cq.tail), cmd.result, Cqe.dw2(sq.head, sq.qid),
                Cqe.dw3(cmd.cid(), cq.phase, cmd.status))) {
            c.fatal("CQ " + cq.qid + " slot " + cq.tail + " lies outside host memory");
            return;
        }
        cq.tail = Ring.next(cq.tail, cq.size);
        if (cq.tail == 0) {
            cq.phase ^= 1;
        }
        sq.inDevice--;
        if (cmd.ownsCid) {
            sq.releaseCid(cmd.cid());
        }
        observer.posted(cq.qid, sq.qid, cmd.cid(), cmd.status, now);
        trace.posted(cmd, now);
        cmd.traceId = 0;
        trace.occupancy(sq, cq, now);
        boolean wasExhausted = !pool.hasFree();
        pool.release(cmd);
        interrupts.posted(cq);
        if (wasExhausted) {
            kick();
        }
        if (c.shuttingDownNormally && drained()) {
            c.drainedForShutdown();
        }
    }

    // ------------------------------------------------------------------ queues

    void createAdminQueues(long asq, int sqEntries, long acq, int cqEntries, boolean weighted) {
        CompletionQueue cq = new CompletionQueue(0, acq, cqEntries, true, 0);
        cqs[0] = cq;
        SubmissionQueue sq = new SubmissionQueue(0, asq, sqEntries, SubmissionQueue.ADMIN, cq);
        sqs[0] = sq;
        cq.submissionQueues = 1;
        arbiter.configure(weighted, features.ab(), features.lpw(), features.mpw(), features.hpw());
        arbiter.add(sq);
    }

    void addCompletionQueue(CompletionQueue cq) {
        cqs[cq.qid] = cq;
    }

    void addSubmissionQueue(SubmissionQueue sq) {
        sqs[sq.qid] = sq;
        sq.cq.submissionQueues++;
        arbiter.add(sq);
        c.doorbells.spValue(2 * sq.qid, 0);
        seen[2 * sq.qid] = 0;
    }

    /** Delete I/O SQ: commands of the queue still inside are aborted (Command Aborted due to SQ Deletion). */
    void removeSubmissionQueue(SubmissionQueue sq) {
        for (int i = 0; i < pool.size(); i++) {
            Command cmd = pool.get(i);
            if (cmd.sq == sq && abortable(cmd)) {
                withdraw(cmd);
                complete(cmd, StatusCode.ABORTED_SQ_DELETION.value(), 0);
            }
        }
        sqs[sq.qid] = null;
        arbiter.remove(sq.qid);
        sq.cq.submissionQueues--;
    }

    void removeCompletionQueue(CompletionQueue cq) {
        while (cq.stalled > 0) {
            Command cmd = cq.takeStalled();
            cmd.sq.inDevice--;
            pool.release(cmd);
        }
        cqs[cq.qid] = null;
        c.doorbells.spValue(2 * cq.qid + 1, 0);
        seen[2 * cq.qid + 1] = 0;
    }

    /** Abort (§5.1): finds a command of (sqid, cid) that has not finished. @return true if it was aborted */
    boolean abort(int sqid, int cid) {
        for (int i = 0; i < pool.size(); i++) {
            Command cmd = pool.get(i);
            if (cmd.state != Command.FREE && cmd.sq != null && cmd.sq.qid == sqid && cmd.cid() == cid
                    && abortable(cmd)) {
                withdraw(cmd);
                complete(cmd, StatusCode.ABORT_REQUESTED.value(), 0);
                return true;
            }
        }
        return false;
    }

    private boolean abortable(Command cmd) {
        return cmd.state == Command.WAITING_FOR_UNIT || cmd.state == Command.IN_SERVICE
                || cmd.state == Command.HELD || cmd.state == Command.ADMIN_PENDING;
    }

    private void withdraw(Command cmd) {
        long now = c.now();
        switch (cmd.state) {
            case Command.WAITING_FOR_UNIT -> units.remove(cmd);
            case Command.IN_SERVICE -> {
                scheduler.cancel(cmd.event);
                units.release(cmd.unit, now);
                cmd.unit = -1;
                nextWaiting(now);
            }
            case Command.ADMIN_PENDING -> scheduler.cancel(cmd.event);
            case Command.HELD -> events.remove(cmd);
            default -> {
            }
        }
        cmd.event = 0;
    }

    // ------------------------------------------------------------------ reset

    /** Ends the trace slice of every command still inside (abandoned by a reset, or outstanding at the end). */
    void closeOpenSlices() {
        if (!trace.on()) {
            return;
        }
        long now = c.now();
        for (int i = 0; i < pool.size(); i++) {
            Command cmd = pool.get(i);
            if (cmd.taken && cmd.sq != null && cmd.traceId != 0) {
                trace.posted(cmd, now);
                cmd.traceId = 0;
            }
        }
    }

    void halt() {
        if (fetchScheduled) {
            scheduler.cancel(fetchEvent);
            fetchScheduled = false;
        }
        for (int i = 0; i < pool.size(); i++) {
            Command cmd = pool.get(i);
            if (cmd.event != 0) {
                scheduler.cancel(cmd.event);
                cmd.event = 0;
            }
        }
    }

    void teardown() {
        halt();
        closeOpenSlices();
        for (int i = 0; i < pool.size(); i++) {
            Command cmd = pool.get(i);
            if (cmd.state != Command.FREE || cmd.sq != null) {
                pool.release(cmd);
            }
        }
        java.util.Arrays.fill(sqs, null);
        java.util.Arrays.fill(cqs, null);
        arbiter.clear();
        units.reset();
        linkFreeAt = 0;
        interrupts.reset();
        events.reset();
        features.reset();
        for (int i = 0; i < seen.length; i++) {
            c.doorbells.spValue(i, 0);
            seen[i] = 0;
        }
    }
}
