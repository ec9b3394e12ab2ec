package org.sysmodels.nvme.model.register;

/**
 * The conditions under which CC.EN 0→1 sets CSTS.CFS instead of CSTS.RDY, in the order QEMU's
 * {@code nvme_start_ctrl} tests them (NVMe 1.4 §7.6.1 and the CC, AQA, ASQ, ACQ definitions in §3.1.5, §3.1.8–3.1.10).
 */
enum StartCheck {
    ADMIN_QUEUES_EXIST("the admin queues still exist (CC.EN set again before a reset finished)"),
    ASQ_NOT_PAGE_ALIGNED("ASQ is not aligned to the memory page size selected by CC.MPS"),
    ACQ_NOT_PAGE_ALIGNED("ACQ is not aligned to the memory page size selected by CC.MPS"),
    CSS_UNSUPPORTED("CC.CSS selects a command set CAP.CSS does not support"),
    MPS_BELOW_MIN("CC.MPS is below CAP.MPSMIN"),
    MPS_ABOVE_MAX("CC.MPS is above CAP.MPSMAX"),
    ASQS_ZERO("AQA.ASQS is 0 (an admin submission queue of one entry)"),
    ACQS_ZERO("AQA.ACQS is 0 (an admin completion queue of one entry)");

    private final String reason;

    StartCheck(String reason) {
        this.reason = reason;
    }

    String reason() {
        return reason;
    }

    /** The first failing condition, or null if the controller may start. */
    static StartCheck first(Lifecycle.Effects c, Cap cap) {
        Cc cc = c.cc();
        long page = 1L << (12 + cc.mps());
        if (c.adminQueuesExist()) {
            return ADMIN_QUEUES_EXIST;
        }
        if ((c.asq() & (page - 1)) != 0) {
            return ASQ_NOT_PAGE_ALIGNED;
        }
        if ((c.acq() & (page - 1)) != 0) {
            return ACQ_NOT_PAGE_ALIGNED;
        }
        if ((cap.css() & (1 << cc.css())) == 0) {
            return CSS_UNSUPPORTED;
        }
        if (cc.mps() < cap.mpsmin()) {
            return MPS_BELOW_MIN;
        }
        if (cc.mps() > cap.mpsmax()) {
            return MPS_ABOVE_MAX;
        }
        if (Aqa.asqs(c.aqa()) == 0) {
            return ASQS_ZERO;
        }
        if (Aqa.acqs(c.aqa()) == 0) {
            return ACQS_ZERO;
        }
        return null;
    }
}
