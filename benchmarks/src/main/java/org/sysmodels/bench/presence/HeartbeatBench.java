package org.sysmodels.bench.presence;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sysmodels.presence.model.expiry.TimingWheel;

/**
 * Heartbeat handling (issue: ≥ 10 M/s on one core with the timing wheel, ≥ 3× the better of Netty's
 * HashedWheelTimer and a java.util.PriorityQueue of deadlines doing the same expiry work). One operation = one
 * heartbeat, with the expiry pass every 1024 heartbeats in the same thread; setup runs the wheels through four timeouts
 * of heartbeats first, so the measurement sees the steady state (buckets grown, nothing allocated). Each peer has
 * its own state, so a benchmark builds only its own structure (no idle Netty worker or million-entry heap beside it). Both wheels tick every 100 ms (Netty's
 * default tick). Peers:
 * <ul>
 *   <li>{@code wheelExtend}: the presence core's way, {@code TimingWheel.extend} (one store; the entry is re-filed
 *       when its old bucket comes due);
 *   <li>{@code wheelMove}: the same wheel moving the entry on every heartbeat ({@code schedule}: unlink, link);
 *   <li>{@code nettyHashedWheelTimer}: Netty's timer used the usual way, {@code cancel()} then {@code newTimeout()}
 *       per heartbeat (its expiry pass runs on Netty's own worker thread, in wall-clock time, so nothing it holds
 *       expires during a measurement: it gets the easier job);
 *   <li>{@code priorityQueue}: a heap of (deadline, session, generation) with lazy deletion: a heartbeat adds an
 *       entry, the pass polls due entries and skips stale generations (O(log n) and an object per heartbeat).
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HeartbeatBench {

    static final int BATCH = HeartbeatWorkload.PASS;

    /** The presence core's wheel; {@code move} re-files the entry on every heartbeat instead of extending it. */
    @State(Scope.Thread)
    public static class Wheel {
        @Param("1000000")
        int sessions;

        HeartbeatWorkload load;
        TimingWheel wheel;
        long expired;
        /** A silent session expires: count it and re-arm it as a new session (a field: nothing allocated per pass). */
        final TimingWheel.Listener rearm = (id, deadline, now) -> {
            expired++;
            wheel.schedule(id, now + HeartbeatWorkload.TIMEOUT);
        };

        @Setup(Level.Trial)
        public void setUp() {
            load = new HeartbeatWorkload(sessions, 1);
            wheel = TimingWheel.of(100_000_000L, 0);
            for (int id = 0; id < sessions; id++) {
                wheel.schedule(id, HeartbeatWorkload.TIMEOUT);
            }
            // steady state before measuring: four timeouts of heartbeats, every bucket grown to its working size
            for (long i = 4 * HeartbeatWorkload.TIMEOUT / load.step / BATCH + 1; i > 0; i--) {
                extend();
            }
        }

        long extend() {
            HeartbeatWorkload w = load;
            for (int i = 0; i < BATCH; i++) {
                int id = w.next();
                wheel.extend(id, w.now + HeartbeatWorkload.TIMEOUT);
            }
            wheel.advance(w.now, rearm);
            return expired;
        }

        long move() {
            HeartbeatWorkload w = load;
            for (int i = 0; i < BATCH; i++) {
                int id = w.next();
                wheel.schedule(id, w.now + HeartbeatWorkload.TIMEOUT);
            }
            wheel.advance(w.now, rearm);
            return expired;
        }
    }

    /** The same wheel, warmed by moving entries. */
    @State(Scope.Thread)
    public static class MovingWheel extends Wheel {
        @Override
        @Setup(Level.Trial)
        public void setUp() {
            load = new HeartbeatWorkload(sessions, 1);
            wheel = TimingWheel.of(100_000_000L, 0);
            for (int id = 0; id < sessions; id++) {
                wheel.schedule(id, HeartbeatWorkload.TIMEOUT);
            }
            for (long i = 4 * HeartbeatWorkload.TIMEOUT / load.step / BATCH + 1; i > 0; i--) {
                move();
            }
        }
    }

    /** Netty's HashedWheelTimer, 100 ms tick, 512 buckets. */
    @State(Scope.Thread)
    public static class Netty {
        @Param("1000000")
        int sessions;

        HeartbeatWorkload load;
        HashedWheelTimer timer;
        Timeout[] timeouts;
        final TimerTask onTimeout = t -> {
        };

        @Setup(Level.Trial)
        public void setUp() {
            load = new HeartbeatWorkload(sessions, 1);
            timer = new HashedWheelTimer(r -> {
                Thread t = new Thread(r, "netty-timer");
                t.setDaemon(true);
                return t;
            }, 100, TimeUnit.MILLISECONDS, 512, true, -1);
            timeouts = new Timeout[sessions];
            for (int id = 0; id < sessions; id++) {
                timeouts[id] = timer.newTimeout(onTimeout, HeartbeatWorkload.TIMEOUT, TimeUnit.NANOSECONDS);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            timer.stop();
        }
    }

    /** A binary heap of deadlines with lazy deletion. */
    @State(Scope.Thread)
    public static class Heap {
        @Param("1000000")
        int sessions;

        HeartbeatWorkload load;
        PriorityQueue<Deadline> heap;
        int[] generation;
        long expired;

        @Setup(Level.Trial)
        public void setUp() {
            load = new HeartbeatWorkload(sessions, 1);
            heap = new PriorityQueue<>(sessions * 2);
            generation = new int[sessions];
            for (int id = 0; id < sessions; id++) {
                heap.add(new Deadline(HeartbeatWorkload.TIMEOUT, id, 0));
            }
        }
    }

    /** A heap entry. */
    record Deadline(long at, int session, int generation) implements Comparable<Deadline> {
        @Override
        public int compareTo(Deadline o) {
            return Long.compare(at, o.at);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long wheelExtend(Wheel s) {
        return s.extend();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long wheelMove(MovingWheel s) {
        return s.move();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Timeout nettyHashedWheelTimer(Netty s) {
        HeartbeatWorkload w = s.load;
        Timeout last = null;
        for (int i = 0; i < BATCH; i++) {
            int id = w.next();
            s.timeouts[id].cancel();
            last = s.timer.newTimeout(s.onTimeout, HeartbeatWorkload.TIMEOUT, TimeUnit.NANOSECONDS);
            s.timeouts[id] = last;
        }
        return last;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long priorityQueue(Heap s) {
        HeartbeatWorkload w = s.load;
        int[] generation = s.generation;
        PriorityQueue<Deadline> heap = s.heap;
        for (int i = 0; i < BATCH; i++) {
            int id = w.next();
            heap.add(new Deadline(w.now + HeartbeatWorkload.TIMEOUT, id, ++generation[id]));
        }
        for (Deadline d = heap.peek(); d != null && d.at() <= w.now; d = heap.peek()) {
            heap.poll();
            if (d.generation() == generation[d.session()]) {
                s.expired++;
                heap.add(new Deadline(w.now + HeartbeatWorkload.TIMEOUT, d.session(), ++generation[d.session()]));
            }
        }
        return s.expired;
    }
}
