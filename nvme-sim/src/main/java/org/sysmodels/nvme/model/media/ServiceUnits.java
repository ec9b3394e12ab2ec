package org.sysmodels.nvme.model.media;

/**
 * Book-keeping for the {@link ServiceModel}'s internal units: which are free, and each unit's busy time (for
 * utilisation). The controller does the timing and keeps the commands that wait for a unit.
 */
public final class ServiceUnits {

    private final int[] free;
    private int freeCount;
    private final long[] busySince;
    private final long[] busyTotal;

    public ServiceUnits(int units) {
        free = new int[units];
        for (int i = 0; i < units; i++) {
            free[i] = units - 1 - i;
        }
        freeCount = units;
        busySince = new long[units];
        busyTotal = new long[units];
    }

    public int units() {
        return free.length;
    }

    public int busy() {
        return free.length - freeCount;
    }

    /** True when every unit is busy. */
    public boolean allBusy() {
        return freeCount == 0;
    }

    /** A free unit, now busy, or -1. */
    public int acquire(long now) {
        if (freeCount == 0) {
            return -1;
        }
        int u = free[--freeCount];
        busySince[u] = now;
        return u;
    }

    public void release(int unit, long now) {
        busyTotal[unit] += now - busySince[unit];
        free[freeCount++] = unit;
    }

    /** Busy nanoseconds summed over units (units still busy count up to {@code now}). */
    public long busyTime(long now) {
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

    /** Frees every unit (controller reset). */
    public void reset() {
        for (int i = 0; i < free.length; i++) {
            free[i] = free.length - 1 - i;
        }
        freeCount = free.length;
    }
}
