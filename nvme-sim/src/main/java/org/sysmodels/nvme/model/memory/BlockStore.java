package org.sysmodels.nvme.model.memory;

import java.util.Arrays;

/**
 * A sparse byte store in 4 KiB chunks, for a namespace's media (and for the checker's expected content): a two-level
 * table, so capacity costs one reference per 4 MiB until written. Chunks never written read as {@link Blocks#ZERO}.
 *
 * <p>A chunk is either owned (only this store refers to it: written in place) or shared (also referenced by a host
 * frame or another store: replaced by a copy before a partial write). Whole-chunk transfers swap references.
 */
public final class BlockStore {

    private static final int L2_SHIFT = 10;
    private static final int L2_SIZE = 1 << L2_SHIFT;

    private final long chunks;
    private final byte[][][] table;
    private final boolean[][] owned;
    private long written;

    /** @param bytes capacity, rounded up to whole chunks */
    public BlockStore(long bytes) {
        chunks = (bytes + Blocks.SIZE - 1) >>> Blocks.SHIFT;
        int l1 = (int) ((chunks + L2_SIZE - 1) >>> L2_SHIFT);
        table = new byte[l1][][];
        owned = new boolean[l1][];
    }

    public long capacity() {
        return chunks << Blocks.SHIFT;
    }

    /** Chunks that hold something other than the shared zero block. */
    public long chunksInUse() {
        return written;
    }

    /** The chunk's block, for reading only. */
    public byte[] chunk(long index) {
        byte[][] l2 = table[(int) (index >>> L2_SHIFT)];
        if (l2 == null) {
            return Blocks.ZERO;
        }
        byte[] b = l2[(int) (index & (L2_SIZE - 1))];
        return b == null ? Blocks.ZERO : b;
    }

    /** The chunk's block, which the caller will keep a reference to: from now on it is shared. */
    public byte[] share(long index) {
        byte[][] l2 = table[(int) (index >>> L2_SHIFT)];
        if (l2 == null) {
            return Blocks.ZERO;
        }
        int i = (int) (index & (L2_SIZE - 1));
        if (l2[i] == null) {
            return Blocks.ZERO;
        }
        owned[(int) (index >>> L2_SHIFT)][i] = false;
        return l2[i];
    }

    /** Makes the chunk refer to {@code block}, which someone else may also hold (so it is not owned). */
    public void put(long index, byte[] block) {
        int l1 = (int) (index >>> L2_SHIFT);
        int i = (int) (index & (L2_SIZE - 1));
        if (table[l1] == null) {
            if (block == Blocks.ZERO) {
                return;
            }
            table[l1] = new byte[L2_SIZE][];
            owned[l1] = new boolean[L2_SIZE];
        }
        byte[] before = table[l1][i];
        if (block == Blocks.ZERO) {
            if (before != null) {
                written--;
            }
            table[l1][i] = null;
        } else {
            if (before == null) {
                written++;
            }
            table[l1][i] = block;
        }
        owned[l1][i] = false;
    }

    /** The chunk's block, private to this store, for writing in place. */
    public byte[] writable(long index) {
        int l1 = (int) (index >>> L2_SHIFT);
        int i = (int) (index & (L2_SIZE - 1));
        if (table[l1] == null) {
            table[l1] = new byte[L2_SIZE][];
            owned[l1] = new boolean[L2_SIZE];
        }
        if (!owned[l1][i]) {
            byte[] before = table[l1][i];
            if (before == null) {
                written++;
            }
            table[l1][i] = Blocks.copyOf(before == null ? Blocks.ZERO : before);
            owned[l1][i] = true;
        }
        return table[l1][i];
    }

    /** Copies bytes out. */
    public void read(long offset, byte[] dst, int off, int len) {
        while (len > 0) {
            int in = (int) (offset & (Blocks.SIZE - 1));
            int n = Math.min(len, Blocks.SIZE - in);
            System.arraycopy(chunk(offset >>> Blocks.SHIFT), in, dst, off, n);
            offset += n;
            off += n;
            len -= n;
        }
    }

    /** Copies bytes in. */
    public void write(long offset, byte[] src, int off, int len) {
        while (len > 0) {
            int in = (int) (offset & (Blocks.SIZE - 1));
            int n = Math.min(len, Blocks.SIZE - in);
            System.arraycopy(src, off, writable(offset >>> Blocks.SHIFT), in, n);
            offset += n;
            off += n;
            len -= n;
        }
    }

    /** Zeroes a byte range; whole chunks go back to the shared zero block (deallocated). */
    public void zero(long offset, long len) {
        while (len > 0) {
            int in = (int) (offset & (Blocks.SIZE - 1));
            int n = (int) Math.min(len, Blocks.SIZE - in);
            long index = offset >>> Blocks.SHIFT;
            if (n == Blocks.SIZE) {
                put(index, Blocks.ZERO);
            } else if (chunk(index) != Blocks.ZERO) {
                Arrays.fill(writable(index), in, in + n, (byte) 0);
            }
            offset += n;
            len -= n;
        }
    }
}
