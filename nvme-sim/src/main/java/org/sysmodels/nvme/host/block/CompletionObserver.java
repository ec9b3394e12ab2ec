package org.sysmodels.nvme.host.block;

/**
 * Told when the driver hands a request back to blk-mq, with the hardware queue and the tag it had. With the
 * convention that hctx h is NVMe queue h + 1 and the tag is the CID, the checker can match it to a CQE the device
 * really posted.
 */
public interface CompletionObserver {

    CompletionObserver NONE = new CompletionObserver() {
    };

    /** The driver completes the request that had {@code tag} on {@code hctx}. */
    default void completing(int hctx, int tag, long now) {
    }

    /** The driver requeues it (a retry after an error status, or a reset). */
    default void requeuing(int hctx, int tag, long now) {
    }

    /** The driver completed a request that was not in flight (a second completion), or null; blk-mq ignored it. */
    default void staleCompletion(StaleCompletion completion, long now) {
    }
}
