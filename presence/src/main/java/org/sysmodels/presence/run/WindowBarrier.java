package org.sysmodels.presence.run;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the shards' threads meet at the end of each window (a sense-reversing barrier with a generation count): the
 * last to arrive resets the count and then bumps the generation with a release store; the others spin on an acquire
 * load of the generation, running {@code whileWaiting} (draining their inbound rings) and yielding after a while, so a
 * loaded machine that has descheduled one shard does not make the other burn its core. A shard that fails breaks the
 * barrier and every waiter throws instead of waiting for ever.
 */
final class WindowBarrier {

    private final int parties;
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean broken;

    WindowBarrier(int parties) {
        this.parties = parties;
    }

    void await(Runnable whileWaiting) {
        long g = generation.getAcquire();
        if (arrived.incrementAndGet() == parties) {     // volatile read-modify-write
            arrived.setRelease(0);
            generation.setRelease(g + 1);               // publishes everything every shard did before it arrived
            return;
        }
        int spins = 0;
        while (generation.getAcquire() == g) {
            if (broken) {
                throw new IllegalStateException("another shard failed");
            }
            whileWaiting.run();
            if (++spins < 2_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    void breakIt() {
        broken = true;
    }
}
