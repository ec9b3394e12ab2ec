package org.sysmodels.nvme.model.command;

import org.sysmodels.nvme.model.register.ControllerState;

/**
 * What the controller reports to a run-time checker. Every method has a no-op default; the controller calls them on
 * its hot path with primitives only, so an observer that ignores them costs nothing.
 */
public interface ControllerObserver {

    ControllerObserver NONE = new ControllerObserver() {
    };

    /** Why a doorbell write was ignored. */
    enum DoorbellProblem {
        /** The queue does not exist (Invalid Doorbell Register). */
        NO_SUCH_QUEUE,
        /** The value is not below the queue size (Invalid Doorbell Write Value). */
        VALUE_OUT_OF_RANGE,
        /** The new SQ tail adds more entries than the queue has free slots: the host overwrote unfetched entries. */
        SQ_OVERFLOW,
        /** The new CQ head releases more entries than were posted: the host consumed entries that are not new. */
        CQ_UNDERFLOW
    }

    /** A doorbell was written while CSTS.RDY = 0 (or during shutdown or a fatal error): ignored. */
    default void doorbellWhileNotReady(int qid, boolean completionQueue, int value, long now) {
    }

    /** A doorbell write was ignored as invalid (and an asynchronous Error event raised). */
    default void invalidDoorbell(int qid, boolean completionQueue, int value, DoorbellProblem problem, long now) {
    }

    /** A command was fetched from an SQ slot. */
    default void fetched(int sqid, int cid, int opcode, long now) {
    }

    /** A completion entry was posted. */
    default void posted(int cqid, int sqid, int cid, int status, long now) {
    }

    /** Completions started waiting for room in a full CQ. */
    default void completionQueueFull(int cqid, long now) {
    }

    /** A stalled CQ had room again. */
    default void completionQueueRoom(int cqid, long stalledNanos, long now) {
    }

    /** The controller changed state (CSTS changed). */
    default void stateChanged(ControllerState before, ControllerState after, long now) {
    }
}
