package org.sysmodels.presence.gateway;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Identify's concurrency limit: at most {@code perWindow} Identifies per user in any 5 s (discord-api-docs gateway.mdx,
 * "Session Start Limit": {@code max_concurrency} per 5 seconds); one over it gets Invalid Session. Engine thread only.
 */
final class IdentifyLimit {

    private static final long WINDOW_NS = TimeUnit.SECONDS.toNanos(5);

    private final int perWindow;
    private final Map<Integer, ArrayDeque<Long>> byUser = new HashMap<>();

    IdentifyLimit(int perWindow) {
        this.perWindow = perWindow;
    }

    /** True, and counted, when {@code user} may identify at {@code nowNs}. */
    boolean allow(int user, long nowNs) {
        ArrayDeque<Long> times = byUser.computeIfAbsent(user, u -> new ArrayDeque<>());
        while (!times.isEmpty() && nowNs - times.peekFirst() >= WINDOW_NS) {
            times.pollFirst();
        }
        if (times.size() >= perWindow) {
            return false;
        }
        times.addLast(nowNs);
        return true;
    }
}
