package org.sysmodels.presence.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A shard that waits at the window's end gives its core away: it parks on the barrier (a shard still working, on a
 * machine with fewer cores than shards, then gets the core; with {@code Thread.yield()} 8 shards on 2 cores took
 * minutes), the last arrival wakes it, and a broken barrier wakes it with an error.
 */
class WindowBarrierTest {

    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(30);

    /** Waits (bounded) until {@code t} is parked on {@code barrier}. */
    private static boolean parkedOn(Thread t, WindowBarrier barrier) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NS;
        while (System.nanoTime() < deadline) {
            if (LockSupport.getBlocker(t) == barrier) {
                return true;
            }
            Thread.sleep(1);
        }
        return false;
    }

    @Test
    void aWaiterParksAndTheLastArrivalReleasesIt() throws Exception {
        WindowBarrier barrier = new WindowBarrier(2);
        AtomicInteger drains = new AtomicInteger();
        CompletableFuture<Thread> started = new CompletableFuture<>();
        CompletableFuture<Void> passed = CompletableFuture.runAsync(() -> {
            started.complete(Thread.currentThread());
            barrier.await(drains::incrementAndGet);
        });
        Thread waiter = started.get(30, TimeUnit.SECONDS);
        assertTrue(parkedOn(waiter, barrier), "the waiting shard never parked on the barrier");
        assertFalse(passed.isDone(), "a waiter passed before the last arrival");
        barrier.await(() -> {
        });
        passed.get(30, TimeUnit.SECONDS);
        assertTrue(drains.get() > 0, "the waiter drains its rings while it waits");
    }

    @Test
    void aBrokenBarrierWakesItsParkedWaiters() throws Exception {
        WindowBarrier barrier = new WindowBarrier(3);
        CompletableFuture<Thread> started = new CompletableFuture<>();
        CompletableFuture<String> failed = CompletableFuture.supplyAsync(() -> {
            started.complete(Thread.currentThread());
            try {
                barrier.await(() -> {
                });
                return "passed";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        });
        assertTrue(parkedOn(started.get(30, TimeUnit.SECONDS), barrier), "the waiting shard never parked");
        barrier.breakIt();
        assertEquals("another shard failed", failed.get(30, TimeUnit.SECONDS));
    }
}
