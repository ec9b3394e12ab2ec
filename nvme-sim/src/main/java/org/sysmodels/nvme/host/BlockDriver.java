package org.sysmodels.nvme.host;

/**
 * What blk-mq needs from a block device driver (Linux's {@code struct blk_mq_ops}, reduced). Implement it against
 * {@link Platform} to put your own NVMe driver under the workload generator and the checks.
 */
public interface BlockDriver {

    /** A name for reports ("linux-style reference driver"). */
    String name();

    /** Brings the device up; calls {@link BlockLayer#ready(int, int)} or {@link BlockLayer#failed(String)}. */
    void probe(Platform platform, BlockLayer blk);

    /**
     * {@code queue_rq}: issue the request on hardware queue {@code hctx}; its tag is free to use as the command
     * identifier. When {@code last} is false more requests follow at once, so the doorbell may wait.
     * @return true if issued, false if the hardware queue is full (blk-mq retries after a completion)
     */
    boolean queueRq(int hctx, Request rq, boolean last);

    /** {@code commit_rqs}: requests were queued without {@code last}; ring the doorbell now. */
    void commitRqs(int hctx);

    /**
     * A request ran past its deadline. @return true to wait one more timeout period (an Abort was sent, or a reset
     * is under way), false if the driver completed or requeued it
     */
    boolean timeout(Request rq);

    /** Orderly shutdown (CC.SHN); runs {@code done} when finished. */
    void shutdown(Runnable done);
}
