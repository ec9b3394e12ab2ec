package org.sysmodels.nvme.check;

/** Sparse small counters per 4 KiB chunk of a namespace (in-flight writes), two-level like the block store. */
final class ChunkCounters {

    private static final int L2_SHIFT = 12;
    private static final int L2 = 1 << L2_SHIFT;
    private final int[][] table;

    ChunkCounters(long chunks) {
        table = new int[(int) ((chunks + L2 - 1) >>> L2_SHIFT)][];
    }

    int get(long chunk) {
        int[] l2 = table[(int) (chunk >>> L2_SHIFT)];
        return l2 == null ? 0 : l2[(int) (chunk & (L2 - 1))];
    }

    void add(long chunk, int delta) {
        int i = (int) (chunk >>> L2_SHIFT);
        if (table[i] == null) {
            table[i] = new int[L2];
        }
        table[i][(int) (chunk & (L2 - 1))] += delta;
    }
}
