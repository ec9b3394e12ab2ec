package org.sysmodels.presence.host.labs;

import java.util.Arrays;
import org.sysmodels.presence.model.expiry.ExpiryQueue;

/**
 * Bug lab "scan-expiry": deadlines in a plain array, and every tick looks at every session to find the expired
 * ones. Correct, and simple, but each tick costs O(sessions) instead of O(expired): with N sessions and a tick every
 * 100 ms the server does 10·N comparisons a second whether anyone expired or not.
 */
public final class ScanningExpiry implements ExpiryQueue {

    private long[] deadline = new long[1024];
    private boolean[] scheduled = new boolean[1024];
    private int high;
    private int size;
    private long work;

    @Override
    public void schedule(int id, long d) {
        if (id >= deadline.length) {
            int cap = Math.max(deadline.length * 2, id + 1);
            deadline = Arrays.copyOf(deadline, cap);
            scheduled = Arrays.copyOf(scheduled, cap);
        }
        if (!scheduled[id]) {
            size++;
        }
        scheduled[id] = true;
        deadline[id] = d;
        high = Math.max(high, id + 1);
    }

    @Override
    public void cancel(int id) {
        if (id < scheduled.length && scheduled[id]) {
            scheduled[id] = false;
            size--;
        }
    }

    @Override
    public boolean isScheduled(int id) {
        return id < scheduled.length && scheduled[id];
    }

    @Override
    public long deadline(int id) {
        return deadline[id];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int advance(long now, Listener listener) {
        int fired = 0;
        for (int id = 0; id < high; id++) {
            work++;
            if (scheduled[id] && deadline[id] <= now) {
                scheduled[id] = false;
                size--;
                fired++;
                listener.expired(id, deadline[id], now);
            }
        }
        return fired;
    }

    @Override
    public long work() {
        return work;
    }
}
