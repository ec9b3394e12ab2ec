package org.sysmodels.nvme.host.block;

import java.util.ArrayDeque;
import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;
import org.sysmodels.nvme.host.platform.Platform;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

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
    private SoftwareContext[] software;
    private HardwareContext[] hardware;
    private boolean ready;
    private boolean quiesced;
    private boolean dead;
    private long inFlight;
    private int pendingBeforeReady;
    private final Action run = h -> run((int) h);
    private final TimeoutTimer timer;
    private final ArrayDeque<Request> refused = new ArrayDeque<>();
    private boolean refusedScheduled;
    private final Action endRefused = ignored -> endRefused();

    public BlockLayer(Platform platform, BlockListener listener, int cpus, int maxRequests, long timeout) {
        this.platform = platform;
        this.scheduler = platform.scheduler();
        this.listener = listener;
        this.cpus = cpus;
        this.maxRequests = maxRequests;
        this.timeout = timeout;
        this.tracer = platform.tracer();
        this.track = tracer.track("host", "blk-mq");
        this.timer = new TimeoutTimer(scheduler, this::timeouts);
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
        return hardware == null ? 0 : hardware.length;
    }

    public int queueDepth() {
        return hardware == null ? 0 : hardware[0].tags.depth();
    }

    public long inFlight() {
        return inFlight;
    }

    /** The hardware context a CPU submits to (blk_mq_map_queues spreads CPUs over queues). */
    public int hctxOf(int cpu) {
        return software[cpu].hctx().index;
    }

    // ------------------------------------------------------------------ called by the driver

    /**
     * The driver is ready with {@code hwQueues} hardware queues of {@code depth} tags each ({@link TagSetLayout}: both
     * at least 1). After a reset the contexts of the first call stay.
     */
    public void ready(int hwQueues, int depth) {
        TagSetLayout.check(hwQueues, depth);
        if (hardware == null) {
            TagSetLayout layout = TagSetLayout.allocate(hwQueues, depth, cpus, maxRequests);
            hardware = layout.hardware();
            software = layout.software();
        }
        boolean first = !ready;
        ready = true;
        if (pendingBeforeReady > 0) {
            for (int cpu = 0; cpu < cpus; cpu++) {
                software[cpu].hctx().queued += software[cpu].queue().size();
            }
            pendingBeforeReady = 0;
        }
        quiesced = false;
        tracer.instant(track, first ? "ready" : "ready after reset", scheduler.now(), "hctx", hwQueues);
        if (first) {
            listener.ready(this);
        }
        for (HardwareContext hctx : hardware) {
            scheduleRun(hctx);
        }
    }

    public void failed(String reason) {
        dead = true;
        listener.failed(reason);
    }

    /** The request with this tag on this hardware queue, or null (a completion for a tag not in use). */
    public Request byTag(int hctx, int tag) {
        return hardware != null && hctx >= 0 && hctx < hardware.length ? hardware[hctx].tags.owner(tag) : null;
    }

    /**
     * The driver finished a request. {@code status} is the NVMe Status Field of the command's completion (NVMe 1.4
     * §4.6.1): the 15 bits of CQE Dword 3 [31:17], so SC in bits 7:0, SCT in 10:8, DNR at bit 14; 0 is success. Get
     * it from the CQE with {@code Status.fromDw3(dw3)}, or make one with {@code Status.of(StatusCode)} or
     * {@code Status.doNotRetry(StatusCode)}.
     *
     * <p>A request that is not in flight (completed a second time) or null is not ended again: the completion
     * observer hears of it as a {@link StaleCompletion}, the driver bug Linux catches in {@code nvme_find_rq} and
     * blk-mq's request reference count (see the {@code double-completion} rule).
     */
    public void complete(Request rq, int status) {
        if (rq == null || rq.state != Request.IN_FLIGHT) {
            completions.staleCompletion(StaleCompletion.of(driver, rq), scheduler.now());
            return;
        }
        completions.completing(rq.hctx, rq.tag, scheduler.now());
        end(rq, status);
    }

    /**
     * Ends an in-flight request with {@code status}. Without a word to the completion observer when the device is
     * gone ({@link #failAll}): the host ends those itself (Linux nvme_cancel_request), and no CQE will ever match them.
     */
    private void end(Request rq, int status) {
        HardwareContext hctx = releaseTag(rq);
        rq.status = status;
        rq.state = Request.IDLE;
        listener.completed(rq);
        if (hctx.queued > 0) {
            scheduleRun(hctx);
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
        HardwareContext hctx = releaseTag(rq);
        rq.state = Request.QUEUED;
        hctx.dispatch.addLast(rq);
        hctx.queued++;
        scheduleRun(hctx);
    }

    /** Gives an in-flight request's tag back to its hardware queue, remembering it for a stale completion's report. */
    private HardwareContext releaseTag(Request rq) {
        HardwareContext hctx = hardware[rq.hctx];
        hctx.tags.release(rq.tag);
        rq.lastTag = rq.tag;
        rq.tag = -1;
        inFlight--;
        return hctx;
    }

    /** Stop dispatching (a controller reset is under way). */
    public void quiesce() {
        quiesced = true;
    }

    /** Every request the driver holds, for a reset or a dead device: visits them in tag order. */
    public void forEachInFlight(java.util.function.Consumer<Request> action) {
        if (hardware == null) {
            return;
        }
        for (HardwareContext hctx : hardware) {
            for (int t = 0; t < hctx.tags.depth(); t++) {
                Request rq = hctx.tags.owner(t);
                if (rq != null) {
                    action.accept(rq);
                }
            }
        }
    }

    /** The device is gone: fail everything queued and in flight. */
    public void failAll(int status) {
        dead = true;
        if (hardware == null) {
            return;
        }
        for (HardwareContext hctx : hardware) {
            hctx.queued = 0;
        }
        forEachInFlight(rq -> {
            if (rq.state == Request.IN_FLIGHT) {
                end(rq, status);
            }
        });
        for (HardwareContext hctx : hardware) {
            for (Request rq = hctx.dispatch.poll(); rq != null; rq = hctx.dispatch.poll()) {
                rq.status = status;
                rq.state = Request.IDLE;
                listener.completed(rq);
            }
        }
        for (SoftwareContext ctx : software) {
            for (Request rq = ctx.queue().poll(); rq != null; rq = ctx.queue().poll()) {
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
            // ended with an error at once, but reaped in an event of its own, as fio reaps a completion after its
            // submit returns: a submitter that resubmits from its completion would otherwise recurse once per I/O
            // left in the job (a stack overflow at 25,000)
            rq.status = Status.doNotRetry(StatusCode.INTERNAL_ERROR);
            refused.addLast(rq);
            if (!refusedScheduled) {
                refusedScheduled = true;
                scheduler.after(0, endRefused, 0);
            }
            return;
        }
        rq.state = Request.QUEUED;
        SoftwareContext ctx = software[cpu];
        ctx.queue().addLast(rq);
        if (ready) {
            HardwareContext hctx = ctx.hctx();
            hctx.queued++;
            scheduleRun(hctx);
        } else {
            pendingBeforeReady++;
        }
    }

    private void endRefused() {
        for (Request rq = refused.poll(); rq != null; rq = refused.poll()) {
            listener.completed(rq);
        }
        refusedScheduled = false;
    }

    // ------------------------------------------------------------------ dispatch

    private void scheduleRun(HardwareContext hctx) {
        if (!hctx.runScheduled) {
            hctx.runScheduled = true;
            scheduler.after(0, run, hctx.index);
        }
    }

    private void run(int h) {
        HardwareContext hctx = hardware[h];
        hctx.runScheduled = false;
        if (!ready || quiesced || dead) {
            return;
        }
        TagSet t = hctx.tags;
        RequestQueue requeued = hctx.dispatch;
        BlockDriver d = driver;
        long deadline = scheduler.now() + timeout;
        boolean pendingDoorbell = false;
        int left = hctx.queued;
        if (left > 0) {
            // Every request of this dispatch gets the same deadline, so the timer is armed once. If no tag is free
            // the dispatch sends nothing, but then the tag holders are in flight and the timer is already earlier.
            timer.arm(deadline);
        }
        while (left > 0) {
            boolean fromRequeue = !requeued.isEmpty();
            RequestQueue from = fromRequeue ? requeued : hctx.nextSoftware();
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
            hctx.queued = left;
            if (!d.queueRq(h, rq, last)) {
                rq.state = Request.QUEUED;
                inFlight--;
                requeued.addFirst(rq);
                hctx.queued = left + 1;
                if (pendingDoorbell) {
                    d.commitRqs(h);
                }
                return;
            }
            pendingDoorbell = !last;
        }
        hctx.queued = left;
        if (pendingDoorbell) {
            d.commitRqs(h);
        }
    }

    // ------------------------------------------------------------------ timeouts

    private void timeouts() {
        long now = scheduler.now();
        long earliest = Long.MAX_VALUE;
        for (HardwareContext hctx : hardware) {
            for (int t = 0; t < hctx.tags.depth(); t++) {
                Request rq = hctx.tags.owner(t);
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
            timer.arm(earliest);
        }
    }

    /** Cancels the timeout timer (the run is over). */
    public void stopTimer() {
        timer.stop();
    }
}
