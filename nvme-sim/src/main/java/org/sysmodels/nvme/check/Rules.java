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

    private static final java.util.Map<String, org.sysmodels.core.check.Rule> BY_NAME = java.util.Map.ofEntries(
            rule(CID_UNIQUE, "a command identifier is unique among the outstanding commands of its submission queue",
                    "NVM Express Base Specification 1.4, §4.2 (Command Identifier)"),
            rule(SQ_OVERFLOW, "the host never submits more entries than the queue has free slots; one slot is "
                    + "always left empty", "NVM Express Base Specification 1.4, §4.1.2"),
            rule(PHASE, "the host consumes a completion entry only when its phase tag matches the current phase, "
                    + "which inverts on every pass through the queue", "NVM Express Base Specification 1.4, §4.6"),
            rule(DOORBELL_VALUE, "a doorbell value is below the queue size and names an existing queue",
                    "NVM Express Base Specification 1.4, §3.1.24-25"),
            rule(DATA_INTEGRITY, "data read back equals the data last written", "fio verify"),
            rule(DMA_USE_AFTER_FREE, "the device never reads or writes a buffer the host has freed",
                    "Linux Documentation/core-api/dma-api-howto.rst (unmap after completion)"),
            rule(DOUBLE_FREE, "a page is freed once", "Linux DMA API debugging (dma-debug)"),
            rule(DOORBELL_BEFORE_READY, "the host writes no doorbell before CSTS.RDY is 1",
                    "NVM Express Base Specification 1.4, §7.6.1"),
            rule(CQ_STALL, "a full completion queue does not stay full: the host writes the CQ head doorbell",
                    "NVM Express Base Specification 1.4, §4.1"),
            rule(UNKNOWN_COMPLETION, "every completion belongs to a command in flight",
                    "Linux drivers/nvme/host/pci.c, nvme_handle_cqe"),
            rule(TIMEOUT, "every command completes within the I/O timeout when no fault is injected",
                    "Linux drivers/nvme/host/pci.c, nvme_timeout"),
            rule(LOST_REQUEST, "every submitted request completes exactly once", "Linux block/blk-mq.c"),
            rule(PROBE, "the device comes up", "NVM Express Base Specification 1.4, §7.6.1"),
            rule(ASYNC_EVENT, "the device raised an asynchronous event", "NVM Express Base Specification 1.4, "
                    + "§5.2"));

    private static final java.util.Map<String, String> FIXES = java.util.Map.of(
            PHASE, "invert the expected phase each time the CQ head wraps to 0 (Linux nvme_update_cq_head)",
            SQ_OVERFLOW, "treat the queue as full when (tail + 1) % size == head, leaving one slot empty",
            CID_UNIQUE, "use the whole blk-mq tag as the CID, so commands in flight never share one",
            DMA_USE_AFTER_FREE, "unmap and free the data buffer only after the command's completion arrives",
            DOORBELL_BEFORE_READY, "after setting CC.EN, wait until CSTS.RDY reads 1 before any doorbell write",
            CQ_STALL, "write the CQ head doorbell after consuming entries (Linux nvme_ring_cq_doorbell)");

    private Rules() {
    }

    private static java.util.Map.Entry<String, org.sysmodels.core.check.Rule> rule(String name, String statement,
                                                                               String source) {
        return java.util.Map.entry(name, new org.sysmodels.core.check.Rule(name, statement, source));
    }

    /** The rule named {@code name}, with its statement and source. */
    public static org.sysmodels.core.check.Rule rule(String name) {
        return BY_NAME.get(name);
    }

    /** The fix a bug lab of rule {@code name} teaches. */
    public static String fix(String name) {
        return FIXES.getOrDefault(name, "see the rule's source");
    }
}
