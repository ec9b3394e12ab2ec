package org.sysmodels.queue.host.labs;

import org.sysmodels.queue.model.Discipline;

/**
 * Bug lab {@code fixed-ring}: a FIFO ring of 16 slots that never grows and overwrites its oldest job when full, the
 * way a fixed-size ring silently loses entries when its producer does not check for space. Jobs vanish; the rule
 * that every job departs catches it.
 */
public final class FixedRing implements Discipline {

    private final long[] ring = new long[16];
    private int head;
    private int size;

    @Override
    public void add(long arrivalTime) {
        ring[(head + size) % ring.length] = arrivalTime;
        if (size == ring.length) {
            head = (head + 1) % ring.length;
        } else {
            size++;
        }
    }

    @Override
    public long take() {
        long t = ring[head];
        head = (head + 1) % ring.length;
        size--;
        return t;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }
}
