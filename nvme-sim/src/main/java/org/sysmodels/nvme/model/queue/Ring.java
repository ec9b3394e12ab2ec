package org.sysmodels.nvme.model.queue;

/**
 * Circular queue arithmetic of NVMe 1.4 §4.1: indexes run 0 .. size − 1 and wrap; empty is head == tail, full is
 * (tail + 1) mod size == head, so a queue of {@code size} slots holds at most size − 1 entries.
 */
public final class Ring {

    private Ring() {
    }

    public static int next(int index, int size) {
        return index + 1 == size ? 0 : index + 1;
    }

    /** Entries between head and tail. */
    public static int used(int head, int tail, int size) {
        int d = tail - head;
        return d < 0 ? d + size : d;
    }

    /** Entries that can still be added. */
    public static int free(int head, int tail, int size) {
        return size - 1 - used(head, tail, size);
    }

    public static boolean empty(int head, int tail) {
        return head == tail;
    }

    public static boolean full(int head, int tail, int size) {
        return next(tail, size) == head;
    }

    /** How far {@code to} is ahead of {@code from}, going forward around the ring. */
    public static int distance(int from, int to, int size) {
        return used(from, to, size);
    }
}
