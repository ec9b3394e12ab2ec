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
 * heartbeat, with the expiry pass every 1024 heartbeats in the same thread. Both wheels tick every 100 ms (Netty's
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
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HeartbeatBench {

    static final int BATCH = HeartbeatWorkload.PASS;

    @Param("1000000")
    int sessions;

    HeartbeatWorkload wheelLoad;
    TimingWheel wheel;
    HeartbeatWorkload moveLoad;
    TimingWheel moving;
    long expired;
    final TimingWheel.Listener rearm = (id, deadline, now) -> expired++;

    HeartbeatWorkload nettyLoad;
    HashedWheelTimer timer;
    Timeout[] timeouts;
    final TimerTask onTimeout = t -> {
    };

    HeartbeatWorkload heapLoad;
    PriorityQueue<Deadline> heap;
    int[] generation;

    /** A heap entry. */
    record Deadline(long at, int session, int generation) implements Comparable<Deadline> {
        @Override
        public int compareTo(Deadline o) {
            return Long.compare(at, o.at);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        wheelLoad = new HeartbeatWorkload(sessions, 1);
        wheel = TimingWheel.of(100_000_000L, 0);
        moveLoad = new HeartbeatWorkload(sessions, 1);
        moving = TimingWheel.of(100_000_000L, 0);
        for (int id = 0; id < sessions; id++) {
            wheel.schedule(id, HeartbeatWorkload.TIMEOUT);
            moving.schedule(id, HeartbeatWorkload.TIMEOUT);
        }
        nettyLoad = new HeartbeatWorkload(sessions, 1);
        timer = new HashedWheelTimer(r -> {
            Thread t = new Thread(r, "netty-timer");
            t.setDaemon(true);
            return t;
        }, 100, TimeUnit.MILLISECONDS, 512, true, -1);
        timeouts = new Timeout[sessions];
        for (int id = 0; id < sessions; id++) {
            timeouts[id] = timer.newTimeout(onTimeout, HeartbeatWorkload.TIMEOUT, TimeUnit.NANOSECONDS);
        }
        heapLoad = new HeartbeatWorkload(sessions, 1);
        heap = new PriorityQueue<>(sessions * 2);
        generation = new int[sessions];
        for (int id = 0; id < sessions; id++) {
            heap.add(new Deadline(HeartbeatWorkload.TIMEOUT, id, 0));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        timer.stop();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long wheelExtend() {
        HeartbeatWorkload w = wheelLoad;
        for (int i = 0; i < BATCH; i++) {
            int id = w.next();
            wheel.extend(id, w.now + HeartbeatWorkload.TIMEOUT);
        }
        wheel.advance(w.now, (id, deadline, now) -> {
            expired++;
            wheel.schedule(id, now + HeartbeatWorkload.TIMEOUT);
        });
        return expired;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long wheelMove() {
        HeartbeatWorkload w = moveLoad;
        for (int i = 0; i < BATCH; i++) {
            int id = w.next();
            moving.schedule(id, w.now + HeartbeatWorkload.TIMEOUT);
        }
        moving.advance(w.now, (id, deadline, now) -> {
            expired++;
            moving.schedule(id, now + HeartbeatWorkload.TIMEOUT);
        });
        return expired;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Timeout nettyHashedWheelTimer() {
        HeartbeatWorkload w = nettyLoad;
        Timeout last = null;
        for (int i = 0; i < BATCH; i++) {
            int id = w.next();
            timeouts[id].cancel();
            last = timer.newTimeout(onTimeout, HeartbeatWorkload.TIMEOUT, TimeUnit.NANOSECONDS);
            timeouts[id] = last;
        }
        return last;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long priorityQueue() {
        HeartbeatWorkload w = heapLoad;
        for (int i = 0; i < BATCH; i++) {
            int id = w.next();
            heap.add(new Deadline(w.now + HeartbeatWorkload.TIMEOUT, id, ++generation[id]));
        }
        for (Deadline d = heap.peek(); d != null && d.at() <= w.now; d = heap.peek()) {
            heap.poll();
            if (d.generation() == generation[d.session()]) {
                expired++;
                heap.add(new Deadline(w.now + HeartbeatWorkload.TIMEOUT, d.session(), ++generation[d.session()]));
            }
        }
        return expired;
    }
}
