package org.sysmodels.presence.run;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Where the shards' threads meet at the end of each window (a sense-reversing barrier with a generation count): the
 * last to arrive resets the count, bumps the generation and unparks whoever went to sleep; the others spin on the
 * generation for a while, running {@code whileWaiting} (draining their inbound rings), then park until woken (or for
 * {@link #PARK_NS}, to drain again). With more shards than cores the waiters must give their core to the shard still
 * working: {@code Thread.yield()} did not (a run of 8 shards on 2 cores took minutes for what 1 shard does in 2 s).
 * A shard that fails breaks the barrier and every waiter throws instead of waiting for ever.
 */
final class WindowBarrier {

    /** Spins before a waiter parks when every shard has a core: about the time a window's end takes. */
    private static final int SPINS = 2_000;
    /** The longest a waiter sleeps before draining its rings again (a sender may be waiting for room in one). */
    private static final long PARK_NS = 200_000;

    private final int parties;
    /** {@link #SPINS}, or none when the shards outnumber the cores: a spinning waiter then holds a working one up. */
    private final int spinsBeforePark;
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicLong generation = new AtomicLong();
    /** The parked waiters of the current generation, by arrival order (the last arrival has no slot). */
    private final AtomicReferenceArray<Thread> parked;
    private volatile boolean broken;

    WindowBarrier(int parties) {
        this.parties = parties;
        this.spinsBeforePark = parties <= Runtime.getRuntime().availableProcessors() ? SPINS : 0;
        this.parked = new AtomicReferenceArray<>(Math.max(1, parties - 1));
    }

    void await(Runnable whileWaiting) {
        long g = generation.get();
        int order = arrived.incrementAndGet();
        if (order == parties) {
            arrived.set(0);
            generation.set(g + 1);                      // publishes everything every shard did before it arrived
            for (int i = 0; i < parties - 1; i++) {
                Thread t = parked.get(i);
                if (t != null) {
                    LockSupport.unpark(t);
                }
            }
            return;
        }
        Thread me = Thread.currentThread();
        int slot = order - 1;
        int spins = 0;
        try {
            while (generation.get() == g) {
                if (broken) {
                    throw new IllegalStateException("another shard failed");
                }
                whileWaiting.run();
                if (++spins < spinsBeforePark) {
                    Thread.onSpinWait();
                } else {
                    // registered before the generation is read again: either the last arrival sees this thread and
                    // unparks it, or this read sees the new generation (both volatile)
                    parked.set(slot, me);
                    if (generation.get() == g && !broken) {
                        LockSupport.parkNanos(this, PARK_NS);
                    }
                }
            }
        } finally {
            parked.compareAndSet(slot, me, null);
        }
    }

    void breakIt() {
        broken = true;
        for (int i = 0; i < parties - 1; i++) {
            Thread t = parked.get(i);
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }
}
