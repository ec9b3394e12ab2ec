package org.sysmodels.presence.host.labs;

import java.util.ArrayDeque;
import org.sysmodels.presence.model.fanout.Outbox;
import org.sysmodels.presence.model.presence.Presence;

/**
 * Bug lab "no-coalescing": the outbox is a FIFO queue of every update, the way a message queue per subscriber is
 * usually first written. Nothing is lost, but a subscriber that reads slower than its friends change keeps every
 * intermediate state, so its queue (and the server's memory) grows without bound, and what it finally shows lags
 * further behind the truth the longer it runs.
 */
public final class FifoOutbox implements Outbox {

    private final ArrayDeque<Presence> queue = new ArrayDeque<>();
    private final ArrayDeque<Integer> vias = new ArrayDeque<>();
    private int polledVia = -1;

    @Override
    public void offer(Presence p, int via) {
        queue.addLast(p);
        vias.addLast(via);
    }

    @Override
    public Presence poll() {
        Presence p = queue.pollFirst();
        if (p != null) {
            polledVia = vias.pollFirst();
        }
        return p;
    }

    @Override
    public int polledVia() {
        return polledVia;
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public int pendingFor(int user) {
        int n = 0;
        for (Presence p : queue) {
            n += p.user() == user ? 1 : 0;
        }
        return n;
    }

    @Override
    public void clear() {
        queue.clear();
        vias.clear();
    }
}
