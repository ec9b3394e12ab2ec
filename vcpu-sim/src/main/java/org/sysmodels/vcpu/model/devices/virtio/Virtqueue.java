package org.sysmodels.vcpu.model.devices.virtio;

import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * A split virtqueue (virtio 1.2 §2.7) as the device sees it: the descriptor table, the available ring the driver
 * fills, the used ring the device fills, all in guest memory at the addresses the driver wrote to the transport.
 * The device keeps its own next-available and next-used counters (16-bit, wrapping), as Firecracker's
 * {@code devices/virtio/queue.rs} does; a chain is walked with bounds checks so a hostile driver cannot make the
 * device loop or read outside the table.
 */
public final class Virtqueue {

    public static final int DESC_F_NEXT = 1;
    public static final int DESC_F_WRITE = 2;
    public static final int AVAIL_F_NO_INTERRUPT = 1;

    public final int maxSize;
    public int size;
    public boolean ready;
    public long descTable;
    public long availRing;
    public long usedRing;
    private int nextAvail;
    private int nextUsed;

    public Virtqueue(int maxSize) {
        this.maxSize = maxSize;
        this.size = maxSize;
    }

    /** The checks a device makes before it uses a queue (virtio 1.2 §2.7, alignment table §2.7.1). */
    public boolean isValid(GuestMemory mem) {
        return ready && size > 0 && size <= maxSize && Integer.bitCount(size) == 1
                && (descTable & 15) == 0 && (availRing & 1) == 0 && (usedRing & 3) == 0
                && mem.contains(descTable, 16L * size) && mem.contains(availRing, 6 + 2L * size)
                && mem.contains(usedRing, 6 + 8L * size);
    }

    /** Entries the driver has made available and the device has not taken, or -1 if the index is impossible. */
    public int pending(GuestMemory mem) {
        int availIdx = (int) mem.read(availRing + 2, 2);
        int n = (availIdx - nextAvail) & 0xFFFF;
        return n > size ? -1 : n;
    }

    /** The head index of the next available chain, or -1 if none. */
    public int pop(GuestMemory mem) {
        if (pending(mem) <= 0) {
            return -1;
        }
        int head = (int) mem.read(availRing + 4 + 2L * (nextAvail % size), 2);
        nextAvail = (nextAvail + 1) & 0xFFFF;
        return head;
    }

    /** Puts the last popped chain back (Firecracker's {@code undo_pop}, when the rate limiter says wait). */
    public void undoPop() {
        nextAvail = (nextAvail - 1) & 0xFFFF;
    }

    /** Descriptor {@code i}'s fields. */
    public long descAddr(GuestMemory mem, int i) {
        return mem.read(descTable + 16L * i, 8);
    }

    public int descLen(GuestMemory mem, int i) {
        return (int) mem.read(descTable + 16L * i + 8, 4);
    }

    public int descFlags(GuestMemory mem, int i) {
        return (int) mem.read(descTable + 16L * i + 12, 2);
    }

    public int descNext(GuestMemory mem, int i) {
        return (int) mem.read(descTable + 16L * i + 14, 2);
    }

    /** Writes a used element for chain {@code head} with {@code len} bytes written to guest memory. */
    public void addUsed(GuestMemory mem, int head, int len) {
        long elem = usedRing + 4 + 8L * (nextUsed % size);
        mem.write(elem, 4, head);
        mem.write(elem + 4, 4, len);
        nextUsed = (nextUsed + 1) & 0xFFFF;
    }

    /** Publishes the used elements written so far: the driver sees them once it sees the new index. */
    public void advanceUsedIdx(GuestMemory mem) {
        java.lang.invoke.VarHandle.releaseFence(); // the elements before the index (virtio 1.2 §2.7.13)
        mem.write(usedRing + 2, 2, nextUsed);
    }

    /** True unless the driver asked for no interrupts (VIRTQ_AVAIL_F_NO_INTERRUPT; no EVENT_IDX here). */
    public boolean needsNotification(GuestMemory mem) {
        return (mem.read(availRing, 2) & AVAIL_F_NO_INTERRUPT) == 0;
    }

    public int nextAvail() {
        return nextAvail;
    }

    public int nextUsed() {
        return nextUsed;
    }

    /** Back to the power-on state (a device reset). */
    public void reset() {
        size = maxSize;
        ready = false;
        descTable = 0;
        availRing = 0;
        usedRing = 0;
        nextAvail = 0;
        nextUsed = 0;
    }

    /** size, ready, desc, avail, used, next avail, next used. */
    public long[] save() {
        return new long[] {size, ready ? 1 : 0, descTable, availRing, usedRing, nextAvail, nextUsed};
    }

    public void restore(long[] s) {
        size = (int) s[0];
        ready = s[1] != 0;
        descTable = s[2];
        availRing = s[3];
        usedRing = s[4];
        nextAvail = (int) s[5];
        nextUsed = (int) s[6];
    }
}
