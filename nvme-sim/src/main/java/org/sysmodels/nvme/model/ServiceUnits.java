package org.sysmodels.nvme.model;

/**
 * Book-keeping for the {@link ServiceModel}'s internal units: which are free, the FIFO of commands waiting for one,
 * and each unit's busy time (for utilisation). The controller does the timing.
 */
final class ServiceUnits {

    private final int[] free;
    private int freeCount;
    private final long[] busySince;
    private final long[] busyTotal;
    private Command waitFirst;
    private Command waitLast;
    private int waiting;

    ServiceUnits(int units) {
        free = new int[units];
        for (int i = 0; i < units; i++) {
            free[i] = units - 1 - i;
        }
        freeCount = units;
        busySince = new long[units];
        busyTotal = new long[units];
    }

    int units() {
        return free.length;
    }

    int busy() {
        return free.length - freeCount;
    }

    int waiting() {
        return waiting;
    }

    /** A free unit, now busy, or -1. */
    int acquire(long now) {
        if (freeCount == 0) {
            return -1;
        }
        int u = free[--freeCount];
        busySince[u] = now;
        return u;
    }

    void release(int unit, long now) {
        busyTotal[unit] += now - busySince[unit];
        free[freeCount++] = unit;
    }

    void enqueue(Command c) {
        c.next = null;
        if (waitLast == null) {
            waitFirst = c;
        } else {
            waitLast.next = c;
        }
        waitLast = c;
        waiting++;
    }

    /** The longest-waiting command, or null. */
    Command dequeue() {
        Command c = waitFirst;
        if (c != null) {
            waitFirst = c.next;
            if (waitFirst == null) {
                waitLast = null;
            }
            c.next = null;
            waiting--;
        }
        return c;
    }

    /** Takes a specific waiting command out of the FIFO (Abort, SQ deletion). @return false if it was not waiting */
    boolean remove(Command target) {
        Command prev = null;
        for (Command c = waitFirst; c != null; prev = c, c = c.next) {
            if (c == target) {
                if (prev == null) {
                    waitFirst = c.next;
                } else {
                    prev.next = c.next;
                }
                if (waitLast == c) {
                    waitLast = prev;
                }
                c.next = null;
                waiting--;
                return true;
            }
        }
        return false;
    }

    /** Busy nanoseconds summed over units (units still busy count up to {@code now}). */
    long busyTime(long now) {
        long t = 0;
        boolean[] isFree = new boolean[free.length];
        for (int i = 0; i < freeCount; i++) {
            isFree[free[i]] = true;
        }
        for (int u = 0; u < free.length; u++) {
            t += busyTotal[u] + (isFree[u] ? 0 : now - busySince[u]);
        }
        return t;
    }

    /** Frees every unit and forgets the waiting commands (controller reset). */
    void reset() {
        for (int i = 0; i < free.length; i++) {
            free[i] = free.length - 1 - i;
        }
        freeCount = free.length;
        waitFirst = null;
        waitLast = null;
        waiting = 0;
    }
}
