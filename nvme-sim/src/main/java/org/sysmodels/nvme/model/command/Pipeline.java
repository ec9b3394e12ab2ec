package org.sysmodels.nvme.model.command;

import java.util.Arrays;
import org.sysmodels.core.fault.FaultInjector;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.nvme.model.interrupt.Arbiter;
import org.sysmodels.nvme.model.interrupt.InterruptSink;
import org.sysmodels.nvme.model.interrupt.Interrupts;
import org.sysmodels.nvme.model.media.Namespace;
import org.sysmodels.nvme.model.media.ServiceUnits;
import org.sysmodels.nvme.model.memory.Dma;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.queue.CompletionQueue;
import org.sysmodels.nvme.model.queue.SubmissionQueue;
import org.sysmodels.nvme.model.register.ControllerConfig;
import org.sysmodels.nvme.model.register.ControllerState;
import org.sysmodels.nvme.model.register.Doorbells;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * The inside of the controller that commands pass through, and the parts it is made of: the doorbell handler
 * ({@link DoorbellHandler}), the fetcher ({@link Fetcher}, NVMe 1.4 Command Arbitration: fetching is what moves the
 * SQ head), the
 * per-command state machine ({@link CommandFlow}), and the poster of completions ({@link Completions}, §4.6), around
 * the queues that exist, the command contexts, arbitration, the internal units, MSI-X, asynchronous events, the log
 * pages and the features.
 *
 * <p>This class owns the queues (creation and deletion come from the admin commands) and what a reset does to them;
 * the host reaches none of it except through the registers and the rings in host memory.
 */
public final class Pipeline {

    /** What the pipeline tells the controller's lifecycle. */
    public interface Signals {

        /** Something the controller cannot report in a completion queue went wrong: CSTS.CFS. */
        void fatalError(String reason);

        /** A normal shutdown has nothing left inside. */
        void drainedForShutdown();
    }

    final ControllerConfig config;
    final Scheduler scheduler;
    final Dma dma;
    final Namespace[] namespaces;
    final FaultInjector faults;
    final Signals signals;
    final Doorbells doorbells;
    final ControllerTrace trace;
    final SubmissionQueue[] sqs;
    final CompletionQueue[] cqs;
    final CommandPool pool;
    final Arbiter arbiter;
    final ServiceUnits units;
    final Interrupts interrupts;
    final AsyncEvents events;
    final ErrorLog errorLog;
    final HealthLog health = new HealthLog();
    final Features features;
    final Completions completions;
    final CommandFlow flow;
    final Fetcher fetcher;
    final DoorbellHandler doorbellHandler;
    ControllerObserver observer = ControllerObserver.NONE;
    /** Cached from the controller state on every transition: read on every command. */
    boolean processing;
    boolean fetching;
    boolean shuttingDownNormally;
    /** CC.AMS at enable selected weighted round robin (and CAP.AMS supports it). */
    boolean weighted;
    int pageSize = HostMemory.PAGE_SIZE;
    /** CC.IOSQES and CC.IOCQES as last written: checked when an I/O queue is created. */
    int ioSqEntrySize;
    int ioCqEntrySize;
    long abortsReceived;

    public Pipeline(ControllerConfig config, Scheduler scheduler, Dma dma, Namespace[] namespaces,
                    FaultInjector faults, RandomStream serviceRandom, Doorbells doorbells, ControllerTrace trace,
                    Signals signals) {
        this.config = config;
        this.scheduler = scheduler;
        this.dma = dma;
        this.namespaces = namespaces;
        this.faults = faults;
        this.signals = signals;
        this.doorbells = doorbells;
        this.trace = trace;
        int maxQid = config.maxIoQueuePairs();
        sqs = new SubmissionQueue[maxQid + 1];
        cqs = new CompletionQueue[maxQid + 1];
        int segmentCapacity = (int) (config.maxTransferBytes() / HostMemory.PAGE_SIZE) + 2;
        pool = new CommandPool(config.deviceQueueDepth(), adminContexts(config), segmentCapacity);
        arbiter = new Arbiter(maxQid);
        units = new ServiceUnits(config.service().units());
        interrupts = new Interrupts(scheduler, config.msixVectors());
        errorLog = new ErrorLog(config.errorLogEntries());
        features = new Features(namespaces.length - 1, IdentifyData.WCTEMP_KELVINS);
        completions = new Completions(this);
        events = new AsyncEvents(config.aerLimit() + 1, this);
        flow = new CommandFlow(this, serviceRandom);
        fetcher = new Fetcher(this);
        doorbellHandler = new DoorbellHandler(this);
    }

    /**
     * Contexts for admin commands, apart from the device queue depth: AERL + 1 held Asynchronous Event Requests plus
     * ACL + 2 others (every Abort the host may have outstanding, and one more command).
     */
    static int adminContexts(ControllerConfig config) {
        return config.aerLimit() + 1 + config.abortLimit() + 2;
    }

    // ------------------------------------------------------------------ wiring

    public void connect(InterruptSink sink) {
        interrupts.connect(sink);
    }

    public void observe(ControllerObserver o) {
        observer = o == null ? ControllerObserver.NONE : o;
    }

    public void maskVector(int vector, boolean masked) {
        interrupts.mask(vector, masked);
    }

    /** Polled mode: doorbell writes only store the value; a device thread calls {@link #poll()}. */
    public void polled(boolean on) {
        doorbellHandler.polled(on);
        fetcher.polled = on;
    }

    /** Device thread, polled mode: picks up doorbell writes, fetches and executes. @return true if anything happened */
    public boolean poll() {
        return doorbellHandler.poll();
    }

    /** A doorbell register was written (deterministic mode: handled at once). */
    public void doorbellWritten(int index, int value) {
        doorbellHandler.written(index, value);
    }

    /** A doorbell offset beyond every queue this controller can have. */
    public void doorbellOutsideTable(int index, int value) {
        doorbellHandler.outsideTable(index, value);
    }

    /** The controller changed state: what it may do now follows from the new state. */
    public void stateChanged(ControllerState after) {
        fetching = after instanceof ControllerState.Ready;
        shuttingDownNormally = after instanceof ControllerState.ShuttingDown sd && !sd.abrupt();
        processing = fetching || shuttingDownNormally;
    }

    /** Doorbells are accepted and completions posted: ready, or finishing a normal shutdown. */
    public boolean processing() {
        return processing;
    }

    /** CC was written: the I/O queue entry sizes it selects (powers of two), used by the next Create I/O SQ/CQ. */
    public void entrySizes(int iosqes, int iocqes) {
        ioSqEntrySize = iosqes;
        ioCqEntrySize = iocqes;
    }

    /** There may be something to fetch (the controller became ready). */
    public void kick() {
        fetcher.kick();
    }

    long now() {
        return scheduler.now();
    }

    // ------------------------------------------------------------------ queues

    public SubmissionQueue sq(int qid) {
        return qid >= 0 && qid < sqs.length ? sqs[qid] : null;
    }

    public CompletionQueue cq(int qid) {
        return qid >= 0 && qid < cqs.length ? cqs[qid] : null;
    }

    int maxQid() {
        return sqs.length - 1;
    }

    public boolean adminQueuesExist() {
        return sqs[0] != null || cqs[0] != null;
    }

    /** CC.EN 0→1: the admin queues from AQA, ASQ and ACQ, with the page size and arbitration CC selects. */
    public void createAdminQueues(long asq, int sqEntries, long acq, int cqEntries, boolean weightedRoundRobin,
                                  int memoryPageSize) {
        pageSize = memoryPageSize;
        weighted = weightedRoundRobin;
        CompletionQueue cq = new CompletionQueue(0, acq, cqEntries, true, 0);
        cqs[0] = cq;
        SubmissionQueue sq = new SubmissionQueue(0, asq, sqEntries, SubmissionQueue.ADMIN, cq);
        sqs[0] = sq;
        cq.attach();
        arbiter.configure(weighted, features.ab(), features.lpw(), features.mpw(), features.hpw());
        arbiter.add(sq);
    }

    void addCompletionQueue(CompletionQueue cq) {
        cqs[cq.qid()] = cq;
    }

    void addSubmissionQueue(SubmissionQueue sq) {
        sqs[sq.qid()] = sq;
        sq.completionQueue().attach();
        arbiter.add(sq);
        doorbellHandler.reset(2 * sq.qid());
    }

    /** Delete I/O SQ: commands of the queue still inside are aborted (Command Aborted due to SQ Deletion). */
    void removeSubmissionQueue(SubmissionQueue sq) {
        for (int i = 0; i < pool.size(); i++) {
            Command cmd = pool.get(i);
            if (cmd.sq == sq && cmd.state.abortable()) {
                flow.on(cmd, CommandEvent.SQ_DELETED);
            }
        }
        sqs[sq.qid()] = null;
        arbiter.remove(sq.qid());
        sq.completionQueue().detach();
    }

    void removeCompletionQueue(CompletionQueue cq) {
        completions.dropWaiting(cq);
        cqs[cq.qid()] = null;
        doorbellHandler.reset(2 * cq.qid() + 1);
    }

    /** Abort (§5.1): finds a command of (sqid, cid) that has not finished. @return true if it was aborted */
    boolean abort(int sqid, int cid) {
        for (int i = 0; i < pool.size(); i++) {
            Command cmd = pool.get(i);
            if (cmd.state.abortable() && cmd.sq != null && cmd.sq.qid() == sqid && cmd.cid() == cid) {
                flow.on(cmd, CommandEvent.ABORT);
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ inspection

    /** Commands inside the controller (fetched, CQE not yet posted), held AERs included. */
    public int inside() {
        return pool.inUse();
    }

    /** I/O commands inside the controller: at most the device queue depth. */
    public int ioInside() {
        return pool.ioInUse();
    }

    /** True once nothing but held Asynchronous Event Requests is inside. */
    public boolean drained() {
        return pool.inUse() == events.outstanding();
    }

    /** Completions waiting inside the controller for room in CQ {@code cqid}. */
    public int completionsWaiting(int cqid) {
        return completions.waiting(cqid);
    }

    public ServiceUnits units() {
        return units;
    }

    public Interrupts interrupts() {
        return interrupts;
    }

    /** Errors completed since power-on with status code {@code code} (SCT and SC). */
    public long errors(int code) {
        return errorLog.count(code);
    }

    public long errorLogEntries() {
        return errorLog.total();
    }

    /** Invalid doorbell writes since power-on: Error Information entries that no command completed with. */
    public long invalidDoorbellWrites() {
        return errorLog.invalidDoorbells();
    }

    /** Commands fetched since power-on. */
    public long commandsFetched() {
        return fetcher.fetched;
    }

    /** Completion entries posted since power-on. */
    public long completionsPosted() {
        return completions.posted;
    }

    /** I/O SQ tail doorbell writes since power-on. */
    public long ioSqTailDoorbellWrites() {
        return doorbellHandler.ioSqTailWrites;
    }

    /** Abort commands executed since power-on. */
    public long abortsReceived() {
        return abortsReceived;
    }

    /** The status a validation failure of a fetched command ends with, named (for messages). */
    static String describe(int status) {
        StatusCode c = StatusCode.of(status);
        return c == null ? Integer.toHexString(status) : c.title();
    }

    // ------------------------------------------------------------------ reset

    /** Ends the trace slice of every command still inside (abandoned by a reset, or outstanding at the end). */
    public void closeOpenSlices() {
        if (!trace.on()) {
            return;
        }
        long now = now();
        for (int i = 0; i < pool.size(); i++) {
            Command cmd = pool.get(i);
            if (cmd.state != CommandState.FREE && cmd.sq != null && cmd.traceId != 0) {
                trace.posted(cmd, now);
                cmd.traceId = 0;
            }
        }
    }

    /** Stop processing now: cancel the fetch pass and every command's timer; what is inside stays. */
    public void halt() {
        fetcher.cancel();
        for (int i = 0; i < pool.size(); i++) {
            Command cmd = pool.get(i);
            if (cmd.event != Scheduler.NO_EVENT) {
                scheduler.cancel(cmd.event);
                cmd.event = Scheduler.NO_EVENT;
            }
        }
    }

    /** Controller Level Reset (NVMe 1.4): queues deleted, commands abandoned, features back to defaults. */
    public void teardown() {
        halt();
        closeOpenSlices();
        for (int i = 0; i < pool.size(); i++) {
            Command cmd = pool.get(i);
            if (cmd.state != CommandState.FREE || cmd.sq != null) {
                pool.release(cmd);
            }
        }
        Arrays.fill(sqs, null);
        Arrays.fill(cqs, null);
        arbiter.clear();
        units.reset();
        flow.reset();
        completions.reset();
        interrupts.reset();
        events.reset();
        features.reset();
        doorbellHandler.resetAll();
    }
}
