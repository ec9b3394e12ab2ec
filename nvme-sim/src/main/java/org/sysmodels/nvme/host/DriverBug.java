package org.sysmodels.nvme.host;

/**
 * The mistakes a bug-lab variant of the reference driver makes, one at a time. Each is a real class of NVMe driver
 * bug; each is caught by a run-time check or a test (see {@code org.sysmodels.nvme.scenario.BugLab}).
 */
public enum DriverBug {
    NONE,
    /** The CQ reader does not flip its expected phase tag when its head wraps: it reads stale entries as new. */
    PHASE_NOT_FLIPPED,
    /** The SQ full test forgets the one-empty-slot rule: it fills every slot, writing the tail onto the head. */
    SQ_TAIL_PAST_HEAD,
    /** The command identifier is cut to 3 bits of the tag: two commands in flight share a CID. */
    CID_REUSED,
    /** The data buffer is freed (unmapped) right after submission, before the device has done its DMA. */
    BUFFER_FREED_EARLY,
    /** The driver sets CC.EN and submits at once, without waiting for CSTS.RDY. */
    IO_BEFORE_READY,
    /** The I/O completion handler reads entries but never writes the CQ head doorbell. */
    CQ_HEAD_NEVER_WRITTEN
}
