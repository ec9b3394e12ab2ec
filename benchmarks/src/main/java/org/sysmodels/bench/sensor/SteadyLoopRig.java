package org.sysmodels.bench.sensor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.sensor.model.core.Core;
import org.sysmodels.sensor.run.FirmwareSource;
import org.sysmodels.sensor.run.LoopRun;
import org.sysmodels.sensor.run.Rig;
import org.sysmodels.sensor.run.RunSetup;
import org.sysmodels.sensor.scenario.Scenario;

/**
 * The benchmark's board kept running: the same system as {@link LoopRig} (reference loop, two BME280s, both
 * watchdogs, every check, no trace), booted once and continued chunk by chunk, so a measured operation holds no
 * start-up and no board construction: what it allocates is the loop's own steady-state allocation.
 *
 * <p>The firmware runs on the host's stack, so the board lives on its own thread ("sensor-loop steady"): an event
 * every {@code chunk} ms of device time parks it and wakes the caller; {@link #run()} wakes it for the next chunk
 * and waits. The two threads never run the board at the same time. The hand-off is two park/unpark pairs per chunk
 * (20,000 iterations): about 0.1% of a chunk's time, no allocation. The pause event changes nothing the model
 * sees (it only blocks), but it is one more scheduler event per chunk.
 */
final class SteadyLoopRig implements AutoCloseable {

    private static final VarHandle REQUESTED;
    private static final VarHandle COMPLETED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            REQUESTED = l.findVarHandle(SteadyLoopRig.class, "requested", long.class);
            COMPLETED = l.findVarHandle(SteadyLoopRig.class, "completed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Device time of the whole run: far longer than any benchmark trial (about 31 years). */
    private static final long FOREVER_NS = 1_000_000_000_000_000_000L;

    /** A bound on the wait for one chunk (seconds of work): a board that stopped must not hang the caller. */
    private static final long GIVE_UP_NS = 600_000_000_000L;

    private final long chunkNs;
    private final Thread board;
    private final Thread caller;
    /** Chunks the caller asked for: written by the caller (release), read by the board (acquire). */
    private long requested;
    /** Chunks the board has run: written by the board (release), read by the caller (acquire). */
    private long completed;
    private volatile boolean closing;
    private volatile Throwable failure;
    private Scheduler sched;
    private Core core;
    private final Runnable pause = this::pause;

    SteadyLoopRig(int chunkIterations) {
        this.chunkNs = chunkIterations * 1_000_000L;
        this.caller = Thread.currentThread();
        RunSetup setup;
        try {
            setup = RunSetup.of(Scenario.defaults(), "bench", 1).withDuration(FOREVER_NS);
        } catch (UserInputException e) {
            throw new IllegalStateException(e);
        }
        board = Thread.ofPlatform().name("sensor-loop steady").daemon().unstarted(() -> simulate(setup));
        board.start();
    }

    private void simulate(RunSetup setup) {
        try {
            LoopRun.Result r = LoopRun.run(setup, FirmwareSource.BARE_METAL, FaultPlan.none(), 1,
                    LoopRun.Options.CHECKS_ONLY, "bench", this::wire);
            if (r.findings().violations() != 0 && !closing) {
                failure = new IllegalStateException("a check failed in the benchmark: " + r.findings().list());
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            COMPLETED.setRelease(this, Long.MAX_VALUE);
            LockSupport.unpark(caller);
        }
    }

    private void wire(Rig rig) {
        sched = rig.scheduler();
        core = rig.mcu().core();
        sched.at(chunkNs, pause);
    }

    /** On the board's thread, every chunk: report it done, then wait for the next request (or the end). */
    private void pause() {
        long done = (long) COMPLETED.getOpaque(this) + 1;
        COMPLETED.setRelease(this, done);
        LockSupport.unpark(caller);
        while ((long) REQUESTED.getAcquire(this) <= done && !closing) {
            LockSupport.park(this);
        }
        if (closing) {
            core.end();
            return;
        }
        sched.at(sched.now() + chunkNs, pause);
    }

    /** Runs the board for one more chunk; returns the chunks run since boot. */
    long run() {
        long want = (long) REQUESTED.getOpaque(this) + 1;
        REQUESTED.setRelease(this, want);
        LockSupport.unpark(board);
        long done;
        long deadline = System.nanoTime() + GIVE_UP_NS;
        while ((done = (long) COMPLETED.getAcquire(this)) < want) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the steady-state board ran no chunk in 10 minutes");
            }
            LockSupport.parkNanos(this, 1_000_000_000L);
        }
        if (failure != null || done == Long.MAX_VALUE) {
            throw new IllegalStateException("the steady-state board stopped", failure);
        }
        return done;
    }

    /** Whether the board's thread still runs (false once {@link #close()} returned normally). */
    boolean boardAlive() {
        return board.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        LockSupport.unpark(board);
        board.join(60_000);
    }
}
