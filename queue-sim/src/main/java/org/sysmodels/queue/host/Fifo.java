package org.sysmodels.queue.host;

import org.sysmodels.queue.model.Discipline;

/**
 * First come, first served, as a ring of arrival times that doubles when full: after the ring has grown to the
 * longest queue of the run, a job costs no allocation.
 */
public class Fifo implements Discipline {

    private long[] ring = new long[64];
    private int head;
    private int size;

    @Override
    public void add(long arrivalTime) {
        if (size == ring.length) {
            long[] bigger = new long[size * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) % ring.length];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + size) % ring.length] = arrivalTime;
        size++;
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
