package org.sysmodels.nvme.model.command;

/** What can move a fetched command on (see {@link CommandFlow}). */
enum CommandEvent {
    /** The admin service time has elapsed. */
    ADMIN_DUE,
    /** A unit became free for the command at the head of the wait FIFO ({@link Command#unit} holds it). */
    UNIT_FREE,
    /** The media time on its unit has elapsed. */
    SERVICE_DONE,
    /** Its data has crossed the link. */
    TRANSFER_DONE,
    /** An asynchronous event for a held Asynchronous Event Request ({@link Command#result} holds Dword 0). */
    EVENT_RAISED,
    /** Abort (§5.1) names it. */
    ABORT,
    /** Its submission queue is being deleted (§5.6 Delete I/O Submission Queue). */
    SQ_DELETED
}
