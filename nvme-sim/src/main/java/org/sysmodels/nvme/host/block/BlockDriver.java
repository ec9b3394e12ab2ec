package org.sysmodels.nvme.host.block;

import org.sysmodels.nvme.host.platform.Platform;

/**
 * What blk-mq needs from a block device driver (Linux's {@code struct blk_mq_ops}, reduced): the slot a student's
 * driver fills ({@code sim nvme --driver MyDriver.java}; {@code sim nvme --template driver} prints a complete one).
 * The driver reaches the device only through the {@link Platform} (BAR0, host memory, the DMA allocator, MSI-X
 * handlers, timers); everything runs on one simulated clock, so a driver never blocks: it waits by scheduling a timer
 * ({@link Platform#after}) or by returning and being called again (an interrupt, a completion).
 *
 * <p>The life of a driver: {@link #probe} brings the device up and tells blk-mq how many hardware queues it has
 * ({@link BlockLayer#ready}); blk-mq then calls {@link #queueRq} for each request, with a tag that is unique among the
 * hardware queue's requests in flight (use it as the command identifier); the driver tells blk-mq when a request is
 * done ({@link BlockLayer#complete}); at the end, {@link #shutdown}.
 */
public interface BlockDriver {

    /** A name for reports ("Linux-style reference driver"). */
    String name();

    /**
     * Brings the device up; calls {@link BlockLayer#ready(int, int)} when its I/O queues exist, or
     * {@link BlockLayer#failed(String)}. May return before either: bring-up takes simulated time.
     */
    void probe(Platform platform, BlockLayer blk);

    /**
     * {@code queue_rq}: issue the request on hardware queue {@code hctx} (I/O queue {@code hctx + 1} by Linux's
     * convention); its {@link Request#tag()} is free to use as the command identifier. When {@code last} is false more
     * requests follow at once, so the doorbell may wait for the last one (or {@link #commitRqs}).
     * @return true if issued, false if the hardware queue is full (blk-mq tries again after a completion)
     */
    boolean queueRq(int hctx, Request rq, boolean last);

    /** {@code commit_rqs}: requests were queued without {@code last}; ring the doorbell now. */
    void commitRqs(int hctx);

    /**
     * A request ran past its deadline. @return true to wait one more timeout period (an Abort was sent, or a reset
     * is under way), false if the driver completed or requeued it
     */
    boolean timeout(Request rq);

    /** Orderly shutdown (CC.SHN, NVMe 1.4 §7.6.2); runs {@code done} when finished. */
    void shutdown(Runnable done);
}
