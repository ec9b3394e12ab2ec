package org.sysmodels.nvme.model.memory;

import java.util.Arrays;

/**
 * Host DRAM as an array of 4 KiB frames, the part {@link HostMemory} (the CPU's view) and {@link Dma} (the device's)
 * share: the frames with their copy-on-write sharing (see {@link Blocks}), and which frames the host's allocator owns
 * at the moment, so a device access to any other frame can be reported as a use-after-free.
 *
 * <p>The arrays never change size; both views keep their own final references to them, so an access costs no more
 * than on a single object.
 */
final class PageFrames {

    final byte[][] frames;
    /** A shared frame is immutable: a write first replaces it with a private copy. */
    final boolean[] shared;
    /** Owned by the host (set by its allocator; every frame is owned when there is none). */
    final boolean[] allocated;
    final long size;
    DmaObserver observer = DmaObserver.NONE;

    PageFrames(long bytes) {
        int n = (int) ((bytes + Blocks.SIZE - 1) >>> Blocks.SHIFT);
        frames = new byte[n][];
        Arrays.fill(frames, Blocks.ZERO);
        shared = new boolean[n];
        Arrays.fill(shared, true);
        allocated = new boolean[n];
        Arrays.fill(allocated, true);
        size = (long) n << Blocks.SHIFT;
    }

    /** The frame's block, private to its frame: copied first if it was shared. */
    static byte[] writable(byte[][] frames, boolean[] shared, int pfn) {
        if (shared[pfn]) {
            frames[pfn] = Blocks.copyOf(frames[pfn]);
            shared[pfn] = false;
        }
        return frames[pfn];
    }
}
