package org.sysmodels.nvme.check;

/** Sparse per-chunk epochs (the global write count when a chunk was last written), two-level. */
final class ChunkEpochs {

    private static final int L2_SHIFT = 12;
    private static final int L2 = 1 << L2_SHIFT;
    private final long[][] table;

    ChunkEpochs(long chunks) {
        table = new long[(int) ((chunks + L2 - 1) >>> L2_SHIFT)][];
    }

    long get(long chunk) {
        long[] l2 = table[(int) (chunk >>> L2_SHIFT)];
        return l2 == null ? 0 : l2[(int) (chunk & (L2 - 1))];
    }

    void set(long chunk, long value) {
        int i = (int) (chunk >>> L2_SHIFT);
        if (table[i] == null) {
            table[i] = new long[L2];
        }
        table[i][(int) (chunk & (L2 - 1))] = value;
    }
}
