package org.sysmodels.nvme.check;

/** The names of the run-time rules, as they appear in findings. */
public final class Rules {

    /** A CID is unique among the in-flight commands of its SQ (NVMe 1.4 §4.2, CID). */
    public static final String CID_UNIQUE = "cid-unique";
    /** The host never adds more SQ entries than there are free slots (§4.1.2). */
    public static final String SQ_OVERFLOW = "sq-overflow";
    /** The host consumes exactly the CQ entries the controller posted: the phase tag is tracked (§4.6). */
    public static final String PHASE = "phase";
    /** A doorbell value is below the queue size and names an existing queue (§3.1.24–25). */
    public static final String DOORBELL_VALUE = "doorbell-value";
    /** Data read back equals the data last written (fio verify). */
    public static final String DATA_INTEGRITY = "data-integrity";
    /** The device never reads or writes a buffer the host has freed. */
    public static final String DMA_USE_AFTER_FREE = "dma-use-after-free";
    /** Pages are freed once. */
    public static final String DOUBLE_FREE = "double-free";
    /** No doorbell write before CSTS.RDY = 1 (§7.6.1). */
    public static final String DOORBELL_BEFORE_READY = "doorbell-before-ready";
    /** A full CQ does not stay full: the host writes the CQ head doorbell. */
    public static final String CQ_STALL = "cq-stall";
    /** Every completion belongs to a command in flight. */
    public static final String UNKNOWN_COMPLETION = "unknown-completion";
    /** Every command completes within the I/O timeout when no fault is injected. */
    public static final String TIMEOUT = "timeout";
    /** Every submitted request completes exactly once. */
    public static final String LOST_REQUEST = "lost-request";
    /** The device came up. */
    public static final String PROBE = "probe";
    /** The device raised an asynchronous event. */
    public static final String ASYNC_EVENT = "async-event";

    private Rules() {
    }
}
