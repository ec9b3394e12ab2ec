package org.sysmodels.presence.gateway.load;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.sysmodels.presence.gateway.client.WsClient;

/**
 * The load's open-loop sender, a timer task on one event loop: each run sends as many updates as the rate owes by
 * then, from random ready connections (directly for the connections of its own loop, as one task per other loop),
 * and schedules itself for the time the next update falls due. Open loop: what it owes depends on the clock only,
 * never on what came back, so a slow gateway shows as latency. (A fixed 1 ms tick sent the same updates but woke
 * the event loop 1,000 times a second, about twice per update at the gateway row's rate.) It wakes at most once per
 * {@link #MIN_GAP_NS}: at 20,000 updates a second a wake-up per update (each a timer set and an {@code epoll_wait}
 * return) cost the load generator's one event loop more than the sends; each update is still stamped as it is
 * written, so the wait before it is never counted as latency. Optionally the rate rises in a straight line from 0
 * over the first {@code rampNs} ({@link LoadGenerator#warmup(java.time.Duration, java.time.Duration,
 * InterruptibleAction)}): what is owed after {@code e} ns is then {@code r·e²/2R} before the ramp's end and
 * {@code r·(e − R/2)} after it.
 */
final class Sender implements Runnable {

    /** The shortest time between two runs: one run sends what fell due meanwhile. */
    static final long MIN_GAP_NS = 1_000_000L;

    private final EventLoop loop;
    private final List<LoadGenerator.Conn> conns;
    private final double perSecond;
    private final long rampNs;
    private final String tag;
    private final long start;
    private final long end;
    private long attempted;
    /** Set on the loop by {@link #stop}; the next run does nothing. */
    private boolean stopped;
    private ScheduledFuture<?> next;

    Sender(EventLoop loop, List<LoadGenerator.Conn> conns, double perSecond, long rampNs, String tag, long start,
           long end) {
        this.loop = loop;
        this.conns = conns;
        this.perSecond = perSecond;
        this.rampNs = rampNs;
        this.tag = tag;
        this.start = start;
        this.end = end;
    }

    /** Starts sending (any thread). */
    void start() {
        loop.execute(this);
    }

    /** Stops sending and returns once no run is under way (any thread but the loop's). */
    void stop() {
        loop.submit(() -> {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        }).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    @Override
    public void run() {
        if (stopped) {
            return;
        }
        send();
        // 1 ns past the time the next update is owed, so the rounding in owedAt cannot leave that update unowed
        long due = start + (long) Math.ceil(dueAfter(attempted + 1)) + 1;
        if (due < end) {
            long now = System.nanoTime();
            next = loop.schedule(this, Math.max(MIN_GAP_NS, due - now), TimeUnit.NANOSECONDS);
        }
    }

    private void send() {
        long now = Math.min(System.nanoTime(), end);
        long owed = owedAt(now - start) - attempted;
        Map<EventLoop, List<LoadGenerator.Conn>> elsewhere = null;
        for (; owed > 0; owed--) {
            attempted++;
            LoadGenerator.Conn c = conns.get(ThreadLocalRandom.current().nextInt(conns.size()));
            WsClient ws = c.ws;
            if (!c.ready || ws == null) {
                continue;
            }
            EventLoop theirs = ws.channel().eventLoop();
            if (theirs.inEventLoop()) {
                c.sendUpdate(tag);
            } else {
                if (elsewhere == null) {
                    elsewhere = new IdentityHashMap<>();
                }
                elsewhere.computeIfAbsent(theirs, k -> new ArrayList<>()).add(c);
            }
        }
        if (elsewhere != null) {
            elsewhere.forEach((theirs, list) -> theirs.execute(() -> {
                for (LoadGenerator.Conn c : list) {
                    c.sendUpdate(tag);
                }
            }));
        }
    }

    /** Updates owed {@code e} ns after the start. */
    long owedAt(long e) {
        return (long) (e < rampNs ? perSecond * e * (double) e / (2e9 * rampNs) : perSecond * (e - rampNs / 2.0) / 1e9);
    }

    /** Ns after the start at which update number {@code k} (from 1) is owed: the inverse of {@link #owedAt}. */
    double dueAfter(long k) {
        return k <= perSecond * rampNs / 2e9 ? Math.sqrt(2e9 * rampNs * k / perSecond)
                : k * 1e9 / perSecond + rampNs / 2.0;
    }
}
