package org.sysmodels.nvme.model.status;

import java.util.Locale;

/**
 * The completion Status Field (NVMe 1.4 §4.6.1), held as the 15 bits that sit in CQE DW3 [31:17]: SC [7:0],
 * SCT [10:8], CRD [12:11], More [13], DNR [14]. An {@code int}, so the hot path carries no objects;
 * {@link StatusCode} names the values.
 *
 * <p>This is also the status a driver passes to {@code BlockLayer.complete}: 0 for success, else the status field of
 * the command's CQE ({@link #fromDw3}), or one made with {@link #of(StatusCode)} / {@link #doNotRetry(StatusCode)}.
 */
public final class Status {

    public static final int SUCCESS = 0;
    /** Do Not Retry [14]: the same command would fail again. */
    public static final int DNR = 1 << 14;
    /** More [13]: more status information is in the Error Information log page. */
    public static final int MORE = 1 << 13;

    private Status() {
    }

    /** Status Code Type [10:8] and Status Code [7:0], no CRD, More or DNR. */
    public static int of(int sct, int sc) {
        return (sct & 7) << 8 | (sc & 0xff);
    }

    /** The status of {@code code}, DNR clear: the host may retry. */
    public static int of(StatusCode code) {
        return code.value();
    }

    /** The status of {@code code} with DNR set: retrying would fail again. */
    public static int doNotRetry(StatusCode code) {
        return code.dnr();
    }

    /** The status field of a CQE, from its Dword 3 (the phase tag at bit 16 and the CID below are dropped). */
    public static int fromDw3(int dw3) {
        return dw3 >>> 17;
    }

    public static int sc(int status) {
        return status & 0xff;
    }

    public static int sct(int status) {
        return status >>> 8 & 7;
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
        return String.format(Locale.ROOT, "%s (SCT %Xh, SC %02Xh%s)", name, sct(status), sc(status),
                dnr(status) ? ", DNR" : "");
    }
}
