package org.sysmodels.nvme.model.command;

/**
 * Where one command is inside the controller, from the fetch of its SQE to the posting of its CQE (NVMe 1.4
 * Command Arbitration for the fetch, §4.6 for completion). A closed set of enum constants, so a command changes state
 * without allocating; what a state needs (its timer, its unit) lives in the preallocated {@link Command}. The
 * transitions, one method per state, are in {@link CommandFlow}.
 */
enum CommandState {
    /** In the pool: no command. */
    FREE,
    /** Just fetched: being checked and dispatched. */
    FETCHED,
    /** An admin command waiting out the admin service time. */
    ADMIN_PENDING,
    /** An I/O command waiting for a free internal unit, in FIFO order. */
    WAITING_FOR_UNIT,
    /** On an internal unit for its media time. */
    IN_SERVICE,
    /** Media time done; its data is moving over the shared link. */
    TRANSFERRING,
    /** Kept inside without a timer: an Asynchronous Event Request waiting for an event, or a stuck command. */
    HELD,
    /** Done, but its completion queue is full: waits for a head doorbell. */
    WAITING_FOR_CQ;

    /** True when Abort or SQ deletion can still take the command back (§5.1, §5.6). */
    boolean abortable() {
        return this == WAITING_FOR_UNIT || this == IN_SERVICE || this == HELD || this == ADMIN_PENDING;
    }
}
