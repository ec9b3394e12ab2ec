package org.sysmodels.core.sched;

import java.util.Arrays;

/**
 * Bucket arrays by length (powers of two), for structures whose buckets fill and empty in turn (the scheduler's radix
 * heap, presence's timing wheel): a bucket that grows takes the next length from here and gives its old array back,
 * and an emptied bucket gives its array back, so arrays pass from bucket to bucket instead of each bucket keeping the
 * largest it ever needed. Only a length none is waiting for is allocated, so a steady workload stops allocating once
 * every length it uses has been made as often as it is held at once. Not thread-safe: one per structure.
 */
public final class BucketArrays {

    private final int[][][] waiting = new int[31][][];
    private final int[] count = new int[31];
    private long held;
    /** Bit c: an array of length 2^c was taken since the last {@link #trim}. */
    private int taken;

    /** An array of {@code length} (a power of two), reused if one is waiting: its contents are stale. */
    public int[] take(int length) {
        int c = Integer.numberOfTrailingZeros(length);
        taken |= 1 << c;
        if (count[c] > 0) {
            int[] a = waiting[c][--count[c]];
            waiting[c][count[c]] = null;
            return a;
        }
        held += length;
        return new int[length];
    }

    /** Takes back an array {@link #take} made. */
    public void give(int[] a) {
        int c = Integer.numberOfTrailingZeros(a.length);
        int[][] w = waiting[c];
        if (w == null) {
            w = waiting[c] = new int[4][];
        } else if (count[c] == w.length) {
            w = waiting[c] = Arrays.copyOf(w, w.length * 2);
        }
        w[count[c]++] = a;
    }

    /** An array twice as long as {@code a} holding {@code a}'s first {@code size} slots; {@code a} is given back. */
    public int[] grow(int[] a, int size) {
        int[] larger = take(a.length * 2);
        System.arraycopy(a, 0, larger, 0, size);
        give(a);
        return larger;
    }

    /**
     * For a bucket just emptied: {@code a} if it is at most {@code length} long, else an array of {@code length}, and
     * {@code a} is given back.
     */
    public int[] shrink(int[] a, int length) {
        if (a.length <= length) {
            return a;
        }
        int[] small = take(length);
        give(a);
        return small;
    }

    /**
     * Lets go of the waiting arrays of every length none was taken of since the previous call, so a length a structure
     * needed once (a start-up bucket's growth) is not held for the rest of the run. Called at a period over which the
     * structure's steady work takes every length it uses (the timing wheel: once per turn of its first level).
     *
     * @return the slots let go
     */
    public long trim() {
        long released = 0;
        for (int c = 0; c < count.length; c++) {
            if ((taken & 1 << c) == 0 && count[c] > 0) {
                released += (long) count[c] << c;
                Arrays.fill(waiting[c], 0, count[c], null);
                count[c] = 0;
            }
        }
        taken = 0;
        held -= released;
        return released;
    }

    /** Slots in the arrays made so far and not let go by {@link #trim} (in buckets and waiting). */
    public long held() {
        return held;
    }
}
