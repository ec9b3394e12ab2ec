package org.sysmodels.nvme.host.workload;

import org.sysmodels.nvme.host.block.Request;

/**
 * Sees every request the workload submits and gets back, with its buffer still allocated: where the read-after-write
 * integrity check hooks in. Called on the submitting thread.
 */
public interface IoObserver {

    IoObserver NONE = new IoObserver() {
    };

    /** Before the request goes to the block layer; a write's buffer already holds its data. */
    default void submitting(Request rq, long now) {
    }

    /** After the request completed, before its buffer is freed. */
    default void completed(Request rq, long now) {
    }

    /** A request that was never answered by the end of the run. */
    default void lost(Request rq, long now) {
    }
}
