package org.sysmodels.presence.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters a running gateway keeps for its log line and for tests (updated from several threads). */
public final class GatewayStats {

    public final AtomicLong connections = new AtomicLong();
    public final AtomicLong sessions = new AtomicLong();
    public final AtomicLong identifies = new AtomicLong();
    public final AtomicLong resumes = new AtomicLong();
    public final AtomicLong heartbeats = new AtomicLong();
    public final AtomicLong updates = new AtomicLong();
    public final AtomicLong dispatches = new AtomicLong();
    public final AtomicLong queued = new AtomicLong();
    public final AtomicLong nodeMessages = new AtomicLong();
    public final AtomicLong notServed = new AtomicLong();
    public final AtomicLong errors = new AtomicLong();
    /** Pings not answered because the client was not reading what it had been sent ({@link PingPolicy}). */
    public final AtomicLong pongsSkipped = new AtomicLong();
    private final Map<Integer, AtomicLong> closes = new ConcurrentHashMap<>();

    /** The reason of each code's first close (a status line says why, not only how often). */
    private final Map<Integer, String> firstReason = new ConcurrentHashMap<>();

    void countClose(int code, String reason) {
        closes.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
        firstReason.putIfAbsent(code, reason);
    }

    /** Server-sent closes by code. */
    public Map<Integer, Long> closes() {
        Map<Integer, Long> out = new TreeMap<>();
        closes.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public String line() {
        return "connections " + connections.get() + ", sessions " + sessions.get() + ", heartbeats "
                + heartbeats.get() + ", updates " + updates.get() + ", dispatches " + dispatches.get()
                + " (queued " + queued.get() + ") in " + nodeMessages.get() + " node messages, closes " + closes()
                + (firstReason.isEmpty() ? "" : " (first reasons " + new TreeMap<>(firstReason) + ")");
    }
}
