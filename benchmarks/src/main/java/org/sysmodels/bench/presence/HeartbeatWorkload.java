package org.sysmodels.bench.presence;

import java.util.SplittableRandom;

/**
 * The heartbeat stream every expiry structure gets: {@code sessions} sessions heartbeating once per 30 s interval in
 * a fixed random order (as connections arrive, not in slot order), the clock moving 30 s / sessions per heartbeat, a
 * 45 s timeout, and 1% of the sessions silent (they never heartbeat, so they expire and are re-armed as new
 * sessions). Every {@link #PASS} heartbeats the structure runs its expiry pass.
 */
final class HeartbeatWorkload {

    static final long INTERVAL = 30_000_000_000L;
    static final long TIMEOUT = 45_000_000_000L;
    static final int PASS = 1024;

    final int[] order;
    final long step;
    int pos;
    long now;

    HeartbeatWorkload(int sessions, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int live = sessions - sessions / 100;
        int[] all = new int[sessions];
        for (int i = 0; i < sessions; i++) {
            all[i] = i;
        }
        for (int i = sessions - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        order = java.util.Arrays.copyOf(all, live);
        step = Math.max(1, INTERVAL / live);
    }

    /** The next session to heartbeat; advances the clock. */
    int next() {
        int id = order[pos];
        pos = pos + 1 == order.length ? 0 : pos + 1;
        now += step;
        return id;
    }
}
