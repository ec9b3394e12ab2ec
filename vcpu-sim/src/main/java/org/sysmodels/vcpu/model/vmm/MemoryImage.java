package org.sysmodels.vcpu.model.vmm;

import java.util.Arrays;
import java.util.BitSet;
import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * Guest memory as a snapshot's memory file holds it: the size, and the pages the snapshot wrote. A Full snapshot
 * writes every page; a Diff writes only the pages dirtied since the last snapshot (KVM's dirty log), and its file is
 * meant to be merged onto the previous one (Firecracker merges it in place when the file exists with the right size;
 * its {@code rebase-snap} tool does it for separate files). A page that was never written is a hole (zeros).
 *
 * @param full    true for a Full snapshot
 * @param present which pages the file holds
 * @param pages   their contents (null where not present, or where the page is all zeros)
 */
public record MemoryImage(long sizeBytes, boolean full, BitSet present, byte[][] pages) {

    /** Copies the pages of {@code mem} the snapshot type selects ({@code dirty} for a Diff). */
    public static MemoryImage of(GuestMemory mem, boolean full, long[] dirty) {
        int n = mem.pageCount();
        BitSet present = new BitSet(n);
        byte[][] pages = new byte[n][];
        for (int i = 0; i < n; i++) {
            boolean take = full || (dirty[i >>> 6] & (1L << i)) != 0;
            if (take) {
                present.set(i);
                pages[i] = mem.pageBytes(i);
            }
        }
        return new MemoryImage(mem.size(), full, present, pages);
    }

    /** This image laid over {@code base} (a Diff onto the Full it follows), as rebase-snap does. */
    public MemoryImage over(MemoryImage base) {
        if (base.sizeBytes != sizeBytes) {
            throw new IllegalArgumentException("memory sizes differ: " + base.sizeBytes + " and " + sizeBytes);
        }
        byte[][] merged = Arrays.copyOf(base.pages, base.pages.length);
        BitSet present = (BitSet) base.present.clone();
        for (int i = this.present.nextSetBit(0); i >= 0; i = this.present.nextSetBit(i + 1)) {
            merged[i] = pages[i];
            present.set(i);
        }
        return new MemoryImage(sizeBytes, base.full || full, present, merged);
    }

    /** Loads the image into a fresh memory (pages the image does not hold stay zero). */
    public GuestMemory toMemory() {
        GuestMemory mem = new GuestMemory(sizeBytes);
        for (int i = present.nextSetBit(0); i >= 0; i = present.nextSetBit(i + 1)) {
            if (pages[i] != null && !allZero(pages[i])) {
                mem.loadPage(i, pages[i]);
            }
        }
        return mem;
    }

    public int pageCount() {
        return present.cardinality();
    }

    static boolean allZero(byte[] p) {
        for (byte b : p) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
