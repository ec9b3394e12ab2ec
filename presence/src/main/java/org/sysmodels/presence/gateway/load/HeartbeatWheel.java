package org.sysmodels.presence.gateway.load;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The heartbeats of one event loop's connections, one timer for all of them: a wheel of slots {@link #QUANTUM_MS}
 * wide that turns once per heartbeat interval. A connection sits in the slot of its phase (Discord's first
 * heartbeat after {@code interval * jitter}) and each turn of its slot sends its heartbeat, so every connection
 * still heartbeats once per turn: every interval (with an interval that is no multiple of the quantum, up to a
 * quantum sooner), at most a quantum after its own phase. One timer per connection instead woke
 * the event loop once per heartbeat (1,000 wake-ups per second for 10,000 connections at 10 s), and a wake-up of an
 * idle event loop costs more CPU than the heartbeat it sends.
 *
 * <p>Event loop only (no locks): {@link #add} and the turns run on {@link #loop}.
 */
final class HeartbeatWheel {

    /** Width of a slot: a heartbeat goes at most this late or early against the connection's own phase. */
    static final long QUANTUM_MS = 10;

    /** What a slot's turn does with each connection in it. */
    interface Beat {
        /** Sends this connection's heartbeat; false when the connection has ended (it leaves the wheel). */
        boolean beat();
    }

    private final EventLoop loop;
    private final long intervalMs;
    private final List<List<Beat>> slots;
    private final long startNs;
    private long turned;
    private ScheduledFuture<?> timer;

    /** A wheel that turns on {@code loop}'s timer ({@code loop} null: only when {@link #turn} is called). */
    HeartbeatWheel(EventLoop loop, long intervalMs, long startNs) {
        this.loop = loop;
        this.intervalMs = intervalMs;
        this.startNs = startNs;
        // a turn takes n * QUANTUM_MS <= the interval: a heartbeat may come early, never late
        int n = (int) Math.max(1, intervalMs / QUANTUM_MS);
        this.slots = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            slots.add(new ArrayList<>());
        }
    }

    long intervalMs() {
        return intervalMs;
    }

    /** Adds a connection whose first heartbeat is due {@code firstMs} after {@code nowNs} (event loop only). */
    void add(Beat b, long firstMs, long nowNs) {
        // the first slot that starts at or after the due time, but one the next turns reach before they come round
        // to the same slot again (a due time more than a turn of the wheel ahead goes in the last such slot)
        long dueMs = (nowNs - startNs) / 1_000_000 + firstMs;
        long slot = Math.min(Math.max(turned + 1, Math.ceilDiv(dueMs, QUANTUM_MS)), turned + slots.size());
        slots.get((int) (slot % slots.size())).add(b);
        if (timer == null && loop != null) {
            timer = loop.scheduleAtFixedRate(() -> turn(System.nanoTime()), QUANTUM_MS, QUANTUM_MS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the timer (the connections have closed or the run is over). */
    void stop() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** The slots whose time has come by {@code nowNs} (all of them since the last turn, if the loop was late). */
    void turn(long nowNs) {
        long due = (nowNs - startNs) / 1_000_000 / QUANTUM_MS;
        for (; turned < due; turned++) {
            List<Beat> slot = slots.get((int) ((turned + 1) % slots.size()));
            for (int i = slot.size() - 1; i >= 0; i--) {
                if (!slot.get(i).beat()) {
                    // swap-remove: order within a slot does not matter
                    slot.set(i, slot.get(slot.size() - 1));
                    slot.remove(slot.size() - 1);
                }
            }
        }
    }
}
