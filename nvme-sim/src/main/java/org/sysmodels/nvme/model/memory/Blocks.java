package org.sysmodels.nvme.model.memory;

/**
 * The 4 KiB block that host memory frames and namespace chunks are made of, and the one shared block of zeros.
 *
 * <p>Why blocks are shared: moving 4 KiB per command by copying would cost ~40 GB/s at 10 M commands/s. So a
 * page-aligned, whole-page DMA transfer hands over a reference to an immutable block instead, and whoever later
 * writes part of a shared block copies it first (copy-on-write). Unwritten memory and unwritten LBAs are all the
 * same {@link #ZERO} block. The bytes a reader sees are exactly those a copying implementation would give.
 */
public final class Blocks {

    public static final int SHIFT = 12;
    public static final int SIZE = 1 << SHIFT;

    /** Never written: the content of every block nobody has written yet. */
    public static final byte[] ZERO = new byte[SIZE];

    private Blocks() {
    }

    /** A private, writable copy of {@code block} (a fresh zero block when it is {@link #ZERO}). */
    public static byte[] copyOf(byte[] block) {
        return block == ZERO ? new byte[SIZE] : block.clone();
    }
}
