package org.sysmodels.queue.host.labs;

import org.sysmodels.queue.model.Discipline;

/**
 * Bug lab {@code lifo}: the waiting line is a stack, so the newest job is served first. The mean time in system
 * stays the same (the server is still busy whenever jobs wait), yet jobs leave out of order and the tail of the
 * latency distribution explodes: a FIFO rule catches it.
 */
public final class Lifo implements Discipline {

    private long[] stack = new long[64];
    private int size;

    @Override
    public void add(long arrivalTime) {
        if (size == stack.length) {
            stack = java.util.Arrays.copyOf(stack, size * 2);
        }
        stack[size++] = arrivalTime;
    }

    @Override
    public long take() {
        return stack[--size];
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }
}
