package org.sysmodels.nvme.host;

import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;

/**
 * blk-mq, reduced to what matters for NVMe (Linux {@code block/blk-mq.c}; Bjørling et al., "Linux Block IO:
 * Introducing Multi-queue SSD Access on Multi-core Systems", SYSTOR 2013): a submitting CPU puts requests on its own
 * software staging queue; each CPU maps to one hardware context (hctx i drives NVMe queue pair i + 1); dispatch takes
 * a tag per request from the hctx's tag set and calls the driver's {@code queue_rq}, telling it which request is the
 * last of the batch so the driver rings the doorbell once per batch. Requests submitted during one event (a
 * completion handler resubmitting, a job starting) form one batch, as with a block plug.
 *
 * <p>Timeouts: each request in flight has a deadline; one timer, armed for the earliest deadline, asks the driver
 * what to do about expired requests ({@code blk_mq_timeout_work}).
 */
public final class BlockLayer {

    private final Scheduler scheduler;
    private final Platform platform;
    private final BlockListener listener;
    private final int cpus;
    private final long timeout;
    private final int maxRequests;
    private final Tracer tracer;
    private final Track track;
    private BlockDriver driver;
    private CompletionObserver completions = CompletionObserver.NONE;
    private RequestQueue[] software;
    private RequestQueue[] dispatch;
    private TagSet[] tags;
    private int[][] cpusOf;
    private int[] hctxOfCpu;
    /** Requests waiting for dispatch per hctx: its requeue list plus its CPUs' software queues. */
    private int[] queued;
    private int[] nextCpu;
    private boolean[] runScheduled;
    private int hardwareQueues;
    private boolean ready;
    private boolean quiesced;
    private boolean dead;
    private boolean timerArmed;
    private long timerAt;
    private long timerEvent;
    private long inFlight;
    private int pendingBeforeReady;
    private final Action run = h -> run((int) h);
    private final Action timer = ignored -> timeouts();

    public BlockLayer(Platform platform, BlockListener listener, int cpus, int maxRequests, long timeout) {
        this.platform = platform;
        this.scheduler = platform.scheduler();
        this.listener = listener;
        this.cpus = cpus;
        this.maxRequests = maxRequests;
        this.timeout = timeout;
        this.tracer = platform.tracer();
        this.track = tracer.track("host", "blk-mq");
    }

    public void observe(CompletionObserver o) {
        completions = o == null ? CompletionObserver.NONE : o;
    }

    /** Probes {@code d}; the listener hears {@code ready} or {@code failed}. */
    public void start(BlockDriver d) {
        driver = d;
        d.probe(platform, this);
    }

    public BlockDriver driver() {
        return driver;
    }

    public int cpus() {
        return cpus;
    }

    public int hardwareQueues() {
        return hardwareQueues;
    }

    public int queueDepth() {
        return tags == null ? 0 : tags[0].depth();
    }

    public long inFlight() {
        return inFlight;
    }

    /** The hardware context a CPU submits to (blk_mq_map_queues spreads CPUs over queues). */
    public int hctxOf(int cpu) {
        return hctxOfCpu[cpu];
    }

    // ------------------------------------------------------------------ called by the driver

    /** The driver is ready with {@code hwQueues} hardware queues of {@code depth} tags each. */
    public void ready(int hwQueues, int depth) {
        if (tags == null) {
            hardwareQueues = hwQueues;
            tags = new TagSet[hwQueues];
            dispatch = new RequestQueue[hwQueues];
            runScheduled = new boolean[hwQueues];
            queued = new int[hwQueues];
            nextCpu = new int[hwQueues];
            cpusOf = new int[hwQueues][];
            software = new RequestQueue[cpus];
            hctxOfCpu = new int[cpus];
            for (int cpu = 0; cpu < cpus; cpu++) {
                software[cpu] = new RequestQueue(maxRequests);
                hctxOfCpu[cpu] = cpu % hwQueues;
            }
            for (int h = 0; h < hwQueues; h++) {
                tags[h] = new TagSet(depth);
                dispatch[h] = new RequestQueue(maxRequests);
                int n = 0;
                for (int cpu = 0; cpu < cpus; cpu++) {
                    n += cpu % hwQueues == h ? 1 : 0;
                }
                cpusOf[h] = new int[n];
                n = 0;
                for (int cpu = 0; cpu < cpus; cpu++) {
                    if (cpu % hwQueues == h) {
                        cpusOf[h][n++] = cpu;
                    }
                }
            }
        }
        boolean first = !ready;
        ready = true;
        if (pendingBeforeReady > 0) {
            for (int cpu = 0; cpu < cpus; cpu++) {
                queued[hctxOfCpu[cpu]] += software[cpu].size();
            }
            pendingBeforeReady = 0;
        }
        quiesced = false;
        tracer.instant(track, first ? "ready" : "ready after reset", scheduler.now(), "hctx", hwQueues);
        if (first) {
            listener.ready(this);
        }
        for (int h = 0; h < hardwareQueues; h++) {
            scheduleRun(h);
        }
    }

    public void failed(String reason) {
        dead = true;
        listener.failed(reason);
    }

    /** The request with this tag on this hardware queue, or null (a completion for a tag not in use). */
    public Request byTag(int hctx, int tag) {
        return hctx >= 0 && hctx < hardwareQueues ? tags[hctx].owner(tag) : null;
    }

    /** The driver finished a request with an NVMe status (0 = success). */
    public void complete(Request rq, int status) {
        if (rq.state != Request.IN_FLIGHT) {
            return;
        }
        int h = rq.hctx;
        completions.completing(h, rq.tag, scheduler.now());
        releaseTag(rq);
        rq.status = status;
        rq.state = Request.IDLE;
        listener.completed(rq);
        if (queued[h] > 0) {
            scheduleRun(h);
        }
    }

    /** The driver got an error completion and gives the request back to be issued again (a retry). */
    public void requeue(Request rq) {
        if (rq.state != Request.IN_FLIGHT) {
            return;
        }
        completions.requeuing(rq.hctx, rq.tag, scheduler.now());
        putBack(rq);
    }

    /** The driver gives back a request the device never answered (a controller reset cancels it). */
    public void cancel(Request rq) {
        if (rq.state == Request.IN_FLIGHT) {
            putBack(rq);
        }
    }

    private void putBack(Request rq) {
        int h = rq.hctx;
        releaseTag(rq);
        rq.state = Request.QUEUED;
        dispatch[h].addLast(rq);
        queued[h]++;
        scheduleRun(h);
    }

    /** Stop dispatching (a controller reset is under way). */
    public void quiesce() {
        quiesced = true;
    }

    /** Every request the driver holds, for a reset or a dead device: visits them in tag order. */
    public void forEachInFlight(java.util.function.Consumer<Request> action) {
        for (int h = 0; h < hardwareQueues; h++) {
            for (int t = 0; t < tags[h].depth(); t++) {
                Request rq = tags[h].owner(t);
                if (rq != null) {
                    action.accept(rq);
                }
            }
        }
    }

    /** The device is gone: fail everything queued and in flight. */
    public void failAll(int status) {
        dead = true;
        if (tags == null) {
            return;
        }
        java.util.Arrays.fill(queued, 0);
        forEachInFlight(rq -> complete(rq, status));
        for (int h = 0; h < hardwareQueues; h++) {
            for (Request rq = dispatch[h].poll(); rq != null; rq = dispatch[h].poll()) {
                rq.status = status;
                rq.state = Request.IDLE;
                listener.completed(rq);
            }
        }
        for (RequestQueue q : software) {
            for (Request rq = q.poll(); rq != null; rq = q.poll()) {
                rq.status = status;
                rq.state = Request.IDLE;
                listener.completed(rq);
            }
        }
    }

    // ------------------------------------------------------------------ called by the submitter

    /** Puts a request on {@code cpu}'s software queue; dispatch runs at the end of the current event. */
    public void submit(int cpu, Request rq) {
        rq.cpu = cpu;
        rq.submitted = scheduler.now();
        rq.tag = -1;
        if (dead) {
            rq.status = 0x0006 | 0x4000;
            listener.completed(rq);
            return;
        }
        rq.state = Request.QUEUED;
        software[cpu].addLast(rq);
        if (ready) {
            int h = hctxOfCpu[cpu];
            queued[h]++;
            scheduleRun(h);
        } else {
            pendingBeforeReady++;
        }
    }

    // ------------------------------------------------------------------ dispatch

    private void scheduleRun(int h) {
        if (!runScheduled[h]) {
            runScheduled[h] = true;
            scheduler.after(0, run, h);
        }
    }

    private void run(int h) {
        runScheduled[h] = false;
        if (!ready || quiesced || dead) {
            return;
        }
        TagSet t = tags[h];
        RequestQueue requeued = dispatch[h];
        BlockDriver d = driver;
        long deadline = scheduler.now() + timeout;
        boolean pendingDoorbell = false;
        int left = queued[h];
        while (left > 0) {
            boolean fromRequeue = !requeued.isEmpty();
            RequestQueue from = fromRequeue ? requeued : nextSoftware(h);
            Request rq = from.peek();
            if (rq.tag < 0) {
                int tag = t.take(rq);
                if (tag < 0) {
                    break;
                }
                rq.tag = tag;
            }
            from.dropFirst();
            left--;
            boolean last = left == 0 || (t.available() == 0 && requeued.isEmpty());
            rq.hctx = h;
            rq.state = Request.IN_FLIGHT;
            rq.deadline = deadline;
            inFlight++;
            armTimer(deadline);
            queued[h] = left;
            if (!d.queueRq(h, rq, last)) {
                rq.state = Request.QUEUED;
                inFlight--;
                requeued.addFirst(rq);
                queued[h] = left + 1;
                if (pendingDoorbell) {
                    d.commitRqs(h);
                }
                return;
            }
            pendingDoorbell = !last;
        }
        queued[h] = left;
        if (pendingDoorbell) {
            d.commitRqs(h);
        }
    }

    /** The next non-empty software queue of hctx h's CPUs, in turn. */
    private RequestQueue nextSoftware(int h) {
        int[] mine = cpusOf[h];
        if (mine.length == 1 && !software[mine[0]].isEmpty()) {
            return software[mine[0]];
        }
        int k = nextCpu[h];
        for (int i = 0; i < mine.length; i++) {
            RequestQueue q = software[mine[k]];
            k = k + 1 == mine.length ? 0 : k + 1;
            if (!q.isEmpty()) {
                nextCpu[h] = k;
                return q;
            }
        }
        throw new IllegalStateException("hctx " + h + " counts queued requests but has none");
    }

    private void releaseTag(Request rq) {
        tags[rq.hctx].release(rq.tag);
        rq.tag = -1;
        inFlight--;
    }

    // ------------------------------------------------------------------ timeouts

    private void armTimer(long at) {
        if (timerArmed && timerAt <= at) {
            return;
        }
        if (timerArmed) {
            scheduler.cancel(timerEvent);
        }
        timerArmed = true;
        timerAt = at;
        timerEvent = scheduler.at(at, timer, 0);
    }

    private void timeouts() {
        timerArmed = false;
        long now = scheduler.now();
        long earliest = Long.MAX_VALUE;
        for (int h = 0; h < hardwareQueues; h++) {
            for (int t = 0; t < tags[h].depth(); t++) {
                Request rq = tags[h].owner(t);
                if (rq == null || rq.state != Request.IN_FLIGHT) {
                    continue;
                }
                if (rq.deadline <= now) {
                    tracer.instant(track, "timeout", now, "tag", rq.tag);
                    if (driver.timeout(rq) && rq.state == Request.IN_FLIGHT) {
                        rq.deadline = now + timeout;
                    }
                }
                if (rq.state == Request.IN_FLIGHT) {
                    earliest = Math.min(earliest, rq.deadline);
                }
            }
        }
        if (earliest != Long.MAX_VALUE) {
            armTimer(earliest);
        }
    }

    /** Cancels the timeout timer (the run is over). */
    public void stopTimer() {
        if (timerArmed) {
            scheduler.cancel(timerEvent);
            timerArmed = false;
        }
    }
}
