package org.sysmodels.nvme.model;

import static org.sysmodels.nvme.model.Bits.field;

/**
 * The completion Status Field (NVMe 1.4 §4.6.1), held as the 15 bits that sit in CQE DW3 [31:17]: SC [7:0],
 * SCT [10:8], CRD [12:11], More [13], DNR [14]. An {@code int}, so the hot path carries no objects;
 * {@link StatusCode} names the values.
 */
public final class Status {

    public static final int SUCCESS = 0;
    /** Do Not Retry: the same command would fail again. */
    public static final int DNR = 1 << 14;

    private Status() {
    }

    public static int of(int sct, int sc) {
        return (sct & 7) << 8 | (sc & 0xff);
    }

    public static int sc(int status) {
        return field(status, 7, 0);
    }

    public static int sct(int status) {
        return field(status, 10, 8);
    }

    public static boolean dnr(int status) {
        return (status & DNR) != 0;
    }

    /** The status without CRD, More and DNR: what identifies the error. */
    public static int code(int status) {
        return status & 0x7ff;
    }

    public static boolean isSuccess(int status) {
        return code(status) == 0;
    }

    /** "Invalid Queue Size (SCT 1h, SC 02h, DNR)". */
    public static String describe(int status) {
        StatusCode known = StatusCode.of(status);
        String name = known == null ? "Unknown status" : known.title();
        return String.format("%s (SCT %Xh, SC %02Xh%s)", name, sct(status), sc(status), dnr(status) ? ", DNR" : "");
    }
}
