package org.sysmodels.nvme.model.memory;

/**
 * The host memory ranges of one command's data buffer, in transfer order: what a PRP walk produces (NVMe 1.4 §4.3).
 * Preallocated per in-device command and reused, so walking PRPs allocates nothing.
 */
public final class Segments {

    private final long[] address;
    private final int[] length;
    private int count;
    private long total;

    public Segments(int capacity) {
        address = new long[capacity];
        length = new int[capacity];
    }

    public void clear() {
        count = 0;
        total = 0;
    }

    /** Appends a range. @return false if the capacity is exhausted */
    boolean add(long a, int len) {
        if (count == address.length) {
            return false;
        }
        address[count] = a;
        length[count] = len;
        count++;
        total += len;
        return true;
    }

    public int count() {
        return count;
    }

    public long address(int i) {
        return address[i];
    }

    public int length(int i) {
        return length[i];
    }

    /** Bytes described in all. */
    public long total() {
        return total;
    }

    public int capacity() {
        return address.length;
    }
}
