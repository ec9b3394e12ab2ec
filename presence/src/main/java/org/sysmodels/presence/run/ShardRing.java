package org.sysmodels.presence.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.sysmodels.presence.model.presence.Presence;

/**
 * A single-producer single-consumer ring of presences from one shard to another, each with the virtual time it
 * arrives (Lamport's ring, preallocated, as JCTools' {@code SpscArrayQueue}): the producer writes a slot, then
 * publishes its new tail with a release store; the consumer reads the tail with an acquire load, reads the slots,
 * clears them and gives them back with a release store of its head, which the producer reads with an acquire load
 * before it reuses a slot. No locks and no allocation per message.
 */
final class ShardRing {

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(ShardRing.class, "head", long.class);
            TAIL = l.findVarHandle(ShardRing.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long[] at;
    private final Presence[] items;
    private final int mask;
    /** Written by the consumer only (release); read by the producer (acquire). */
    private long head;
    /** Written by the producer only (release); read by the consumer (acquire). */
    private long tail;

    /** @param capacity a power of two */
    ShardRing(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity " + capacity + " is not a power of two");
        }
        at = new long[capacity];
        items = new Presence[capacity];
        mask = capacity - 1;
    }

    /** Producer: adds {@code p} arriving at {@code time}; false if the ring is full (nothing is added). */
    boolean offer(long time, Presence p) {
        long t = tail; // plain: only this thread writes it
        if (t - (long) HEAD.getAcquire(this) > mask) {
            return false;
        }
        int i = (int) t & mask;
        at[i] = time;
        items[i] = p;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /** Consumer: moves every message published so far, in order, to {@code into}; returns how many. */
    int drainTo(Inbox into) {
        long h = head; // plain: only this thread writes it
        long t = (long) TAIL.getAcquire(this);
        for (long k = h; k < t; k++) {
            int i = (int) k & mask;
            into.add(at[i], items[i]);
            items[i] = null;
        }
        HEAD.setRelease(this, t);
        return (int) (t - h);
    }

    /**
     * What one shard received from one other shard and has not yet scheduled, in the order sent (arrival times never
     * decrease: each message arrives a fixed {@code backboneMin} after it was sent). Owned by the receiving shard's
     * thread.
     */
    static final class Inbox {
        long[] at = new long[64];
        Presence[] items = new Presence[64];
        int size;
        int next;

        void add(long time, Presence p) {
            if (size == at.length) {
                at = java.util.Arrays.copyOf(at, size * 2);
                items = java.util.Arrays.copyOf(items, size * 2);
            }
            at[size] = time;
            items[size++] = p;
        }

        boolean hasNext() {
            return next < size;
        }

        /** Drops what was taken, keeping the rest at the front. */
        void compact() {
            int rest = size - next;
            System.arraycopy(at, next, at, 0, rest);
            System.arraycopy(items, next, items, 0, rest);
            java.util.Arrays.fill(items, rest, size, null);
            size = rest;
            next = 0;
        }
    }
}
