package org.sysmodels.nvme.check;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sysmodels.core.check.Checker;
import org.sysmodels.core.check.Findings;
import org.sysmodels.nvme.host.block.CompletionObserver;
import org.sysmodels.nvme.host.block.Request;
import org.sysmodels.nvme.host.block.StaleCompletion;
import org.sysmodels.nvme.host.driver.DriverObserver;
import org.sysmodels.nvme.host.driver.ThreadedObserver;
import org.sysmodels.nvme.host.platform.AllocatorObserver;
import org.sysmodels.nvme.host.workload.IoObserver;
import org.sysmodels.nvme.model.command.ControllerObserver;
import org.sysmodels.nvme.model.memory.DmaObserver;
import org.sysmodels.nvme.model.register.ControllerState;

/**
 * A run's checker ({@link Checker} of {@link NvmeCheck}s) and the one observer the controller, host memory, the
 * allocator, blk-mq, the workload and the driver report to: it hands each event to the checks whose class overrides
 * that event's method, so an event no rule needs costs a call and an empty loop, and a check sees only what it asked
 * for. The lists are worked out once, when the run is wired. The events of every command (fetched, posted,
 * completing, submitting, completed) call their first two checks without a loop: on arrays this short, the set-up of
 * a compiled counted loop costs more than the calls themselves (measured with {@code bench/instructions}).
 */
public final class NvmeChecks implements ControllerObserver, DmaObserver, AllocatorObserver, CompletionObserver,
        IoObserver, DriverObserver, ThreadedObserver {

    private final Checker<NvmeCheck> checker;
    private final Map<Class<?>, Set<String>> overrides = new HashMap<>();
    private final NvmeCheck[] doorbellWhileNotReady;
    private final NvmeCheck[] invalidDoorbell;
    private final NvmeCheck[] fetched;
    private final NvmeCheck[] posted;
    private final NvmeCheck[] completionQueueFull;
    private final NvmeCheck[] completionQueueRoom;
    private final NvmeCheck[] stateChanged;
    private final NvmeCheck[] unallocatedAccess;
    private final NvmeCheck[] doubleFree;
    private final NvmeCheck[] exhausted;
    private final NvmeCheck[] completing;
    private final NvmeCheck[] requeuing;
    private final NvmeCheck[] staleCompletion;
    private final NvmeCheck[] submitting;
    private final NvmeCheck[] completed;
    private final NvmeCheck[] lost;
    private final NvmeCheck[] live;
    private final NvmeCheck[] unknownCompletion;
    private final NvmeCheck[] reset;
    private final NvmeCheck[] abortResult;
    private final NvmeCheck[] asyncEvent;
    private final NvmeCheck[] stalled;
    private final NvmeCheck[] unknownCompletionThreaded;
    private final NvmeCheck[] wrongData;
    private final NvmeCheck[] deviceFailed;

    public NvmeChecks(List<? extends NvmeCheck> checks, Findings findings) {
        this.checker = new Checker<>(checks, findings);
        doorbellWhileNotReady = to("doorbellWhileNotReady", int.class, boolean.class, int.class, long.class);
        invalidDoorbell = to("invalidDoorbell", int.class, boolean.class, int.class, DoorbellProblem.class,
                long.class);
        fetched = to("fetched", int.class, int.class, int.class, long.class);
        posted = to("posted", int.class, int.class, int.class, int.class, long.class);
        completionQueueFull = to("completionQueueFull", int.class, long.class);
        completionQueueRoom = to("completionQueueRoom", int.class, long.class, long.class);
        stateChanged = to("stateChanged", ControllerState.class, ControllerState.class, long.class);
        unallocatedAccess = to("unallocatedAccess", long.class, boolean.class);
        doubleFree = to("doubleFree", int.class, long.class);
        exhausted = to("exhausted", long.class);
        completing = to("completing", int.class, int.class, long.class);
        requeuing = to("requeuing", int.class, int.class, long.class);
        staleCompletion = to("staleCompletion", StaleCompletion.class, long.class);
        submitting = to("submitting", Request.class, long.class);
        completed = to("completed", Request.class, long.class);
        lost = to("lost", Request.class, long.class);
        live = to("live", int.class, int.class, long.class);
        unknownCompletion = to("unknownCompletion", int.class, int.class, long.class);
        reset = to("reset", String.class, long.class);
        abortResult = to("abortResult", int.class, int.class, boolean.class, long.class);
        asyncEvent = to("asyncEvent", int.class, long.class);
        stalled = to("stalled", long.class, int.class, Throwable.class);
        unknownCompletionThreaded = to("unknownCompletion", int.class, int.class);
        wrongData = to("wrongData", int.class, long.class, long.class);
        deviceFailed = to("deviceFailed", String.class, long.class);
    }

    public Checker<NvmeCheck> checker() {
        return checker;
    }

    public Findings findings() {
        return checker.findings();
    }

    /** The check of type {@code type} in this run. */
    public <T extends NvmeCheck> T check(Class<T> type) {
        for (NvmeCheck c : checker.checks()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " in this run");
    }

    /** The checks whose class overrides the observer method {@code name(params)}. */
    private NvmeCheck[] to(String name, Class<?>... params) {
        String event = signature(name, params);
        List<NvmeCheck> out = new ArrayList<>();
        for (NvmeCheck c : checker.checks()) {
            if (overridden(c).contains(event)) {
                out.add(c);
            }
        }
        return out.toArray(NvmeCheck[]::new);
    }

    /** The events a check's class (or a superclass) implements, rather than inheriting the interface's no-op. */
    private Set<String> overridden(NvmeCheck c) {
        return overrides.computeIfAbsent(c.getClass(), k -> {
            Set<String> mine = new HashSet<>();
            for (Method m : k.getMethods()) {
                if (!m.getDeclaringClass().isInterface()) {
                    mine.add(signature(m.getName(), m.getParameterTypes()));
                }
            }
            return mine;
        });
    }

    private static String signature(String name, Class<?>... params) {
        return name + Arrays.toString(params);
    }

    // ------------------------------------------------------------------ controller

    @Override
    public void doorbellWhileNotReady(int qid, boolean completionQueue, int value, long now) {
        for (NvmeCheck c : doorbellWhileNotReady) {
            c.doorbellWhileNotReady(qid, completionQueue, value, now);
        }
    }

    @Override
    public void invalidDoorbell(int qid, boolean completionQueue, int value, DoorbellProblem problem, long now) {
        for (NvmeCheck c : invalidDoorbell) {
            c.invalidDoorbell(qid, completionQueue, value, problem, now);
        }
    }

    @Override
    public void fetched(int sqid, int cid, int opcode, long now) {
        NvmeCheck[] l = fetched;
        if (l.length == 0) {
            return;
        }
        l[0].fetched(sqid, cid, opcode, now);
        if (l.length > 1) {
            l[1].fetched(sqid, cid, opcode, now);
            for (int i = 2; i < l.length; i++) {
                l[i].fetched(sqid, cid, opcode, now);
            }
        }
    }

    @Override
    public void posted(int cqid, int sqid, int cid, int status, long now) {
        NvmeCheck[] l = posted;
        if (l.length == 0) {
            return;
        }
        l[0].posted(cqid, sqid, cid, status, now);
        if (l.length > 1) {
            l[1].posted(cqid, sqid, cid, status, now);
            for (int i = 2; i < l.length; i++) {
                l[i].posted(cqid, sqid, cid, status, now);
            }
        }
    }

    @Override
    public void completionQueueFull(int cqid, long now) {
        for (NvmeCheck c : completionQueueFull) {
            c.completionQueueFull(cqid, now);
        }
    }

    @Override
    public void completionQueueRoom(int cqid, long stalledNanos, long now) {
        for (NvmeCheck c : completionQueueRoom) {
            c.completionQueueRoom(cqid, stalledNanos, now);
        }
    }

    @Override
    public void stateChanged(ControllerState before, ControllerState after, long now) {
        for (NvmeCheck c : stateChanged) {
            c.stateChanged(before, after, now);
        }
    }

    // ------------------------------------------------------------------ host memory and allocator

    @Override
    public void unallocatedAccess(long address, boolean write) {
        for (NvmeCheck c : unallocatedAccess) {
            c.unallocatedAccess(address, write);
        }
    }

    @Override
    public void doubleFree(int pfn, long now) {
        for (NvmeCheck c : doubleFree) {
            c.doubleFree(pfn, now);
        }
    }

    @Override
    public void exhausted(long now) {
        for (NvmeCheck c : exhausted) {
            c.exhausted(now);
        }
    }

    // ------------------------------------------------------------------ blk-mq and the workload

    @Override
    public void completing(int hctx, int tag, long now) {
        NvmeCheck[] l = completing;
        if (l.length == 0) {
            return;
        }
        l[0].completing(hctx, tag, now);
        if (l.length > 1) {
            l[1].completing(hctx, tag, now);
            for (int i = 2; i < l.length; i++) {
                l[i].completing(hctx, tag, now);
            }
        }
    }

    @Override
    public void requeuing(int hctx, int tag, long now) {
        for (NvmeCheck c : requeuing) {
            c.requeuing(hctx, tag, now);
        }
    }

    @Override
    public void staleCompletion(StaleCompletion completion, long now) {
        for (NvmeCheck c : staleCompletion) {
            c.staleCompletion(completion, now);
        }
    }

    @Override
    public void submitting(Request rq, long now) {
        NvmeCheck[] l = submitting;
        if (l.length == 0) {
            return;
        }
        l[0].submitting(rq, now);
        if (l.length > 1) {
            l[1].submitting(rq, now);
            for (int i = 2; i < l.length; i++) {
                l[i].submitting(rq, now);
            }
        }
    }

    @Override
    public void completed(Request rq, long now) {
        NvmeCheck[] l = completed;
        if (l.length == 0) {
            return;
        }
        l[0].completed(rq, now);
        if (l.length > 1) {
            l[1].completed(rq, now);
            for (int i = 2; i < l.length; i++) {
                l[i].completed(rq, now);
            }
        }
    }

    @Override
    public void lost(Request rq, long now) {
        for (NvmeCheck c : lost) {
            c.lost(rq, now);
        }
    }

    /** The device could not be brought up, or the driver gave it up. */
    public void deviceFailed(String reason, long now) {
        for (NvmeCheck c : deviceFailed) {
            c.deviceFailed(reason, now);
        }
    }

    // ------------------------------------------------------------------ the reference driver

    @Override
    public void live(int queues, int depth, long now) {
        for (NvmeCheck c : live) {
            c.live(queues, depth, now);
        }
    }

    @Override
    public void unknownCompletion(int qid, int cid, long now) {
        for (NvmeCheck c : unknownCompletion) {
            c.unknownCompletion(qid, cid, now);
        }
    }

    @Override
    public void reset(String why, long now) {
        for (NvmeCheck c : reset) {
            c.reset(why, now);
        }
    }

    @Override
    public void abortResult(int qid, int cid, boolean aborted, long now) {
        for (NvmeCheck c : abortResult) {
            c.abortResult(qid, cid, aborted, now);
        }
    }

    @Override
    public void asyncEvent(int dw0, long now) {
        for (NvmeCheck c : asyncEvent) {
            c.asyncEvent(dw0, now);
        }
    }

    // ------------------------------------------------------------------ the threaded host

    @Override
    public void stalled(long wallNanos, int inFlight, Throwable deviceFailure) {
        for (NvmeCheck c : stalled) {
            c.stalled(wallNanos, inFlight, deviceFailure);
        }
    }

    @Override
    public void unknownCompletion(int qid, int cid) {
        for (NvmeCheck c : unknownCompletionThreaded) {
            c.unknownCompletion(qid, cid);
        }
    }

    @Override
    public void wrongData(int qid, long lba, long stamp) {
        for (NvmeCheck c : wrongData) {
            c.wrongData(qid, lba, stamp);
        }
    }
}
