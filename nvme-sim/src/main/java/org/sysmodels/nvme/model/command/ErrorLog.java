package org.sysmodels.nvme.model.command;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.sysmodels.nvme.model.status.Status;

/**
 * The Error Information log page (Log Identifier 01h, NVMe 1.4 §5.14.1.1): the most recent errors, newest first, 64
 * bytes each: Error Count (8), Submission Queue ID (2), Command ID (2, FFFFh if not tied to a command), Status Field
 * (2: bits 15:1 the status field, bit 0 the phase tag of the CQE that reported the error), Parameter Error Location
 * (2, FFFFh: not given), LBA (8), Namespace (4), then vendor-specific and reserved bytes. A command that fails is
 * recorded when it completes; the phase tag is added when its CQE is posted (which may be later, when its CQ was
 * full).
 */
final class ErrorLog {

    /** Errors recorded since power-on, per status code (SCT [10:8], SC [7:0]). */
    private final long[] byCode = new long[Status.code(-1) + 1];

    static final int ENTRY = 64;
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long[] errorCount;
    private final int[] sqid;
    private final int[] cid;
    private final int[] status;
    private final long[] lba;
    private final int[] nsid;
    private long total;
    /** Invalid doorbell writes recorded since power-on (entries not tied to a command). */
    private long invalidDoorbells;

    ErrorLog(int entries) {
        errorCount = new long[entries];
        sqid = new int[entries];
        cid = new int[entries];
        status = new int[entries];
        lba = new long[entries];
        nsid = new int[entries];
    }

    /**
     * Records an error; its phase tag is not known until its CQE is posted ({@link #posted}).
     * @return the entry's Error Count, which names it
     */
    long record(int sq, int commandId, int statusField, long lbaValue, int ns) {
        byCode[Status.code(statusField)]++;
        return entry(sq, commandId, statusField, lbaValue, ns);
    }

    /**
     * Records an invalid doorbell write (NVMe 1.4 §5.2.1, an Error event with this log page): an error not tied to a
     * command, so Command ID FFFFh and no command's status; it is not counted among the commands' errors.
     */
    void recordInvalidDoorbell(int sq) {
        invalidDoorbells++;
        entry(sq, 0xffff, 0, 0, 0);
    }

    private long entry(int sq, int commandId, int statusField, long lbaValue, int ns) {
        int i = (int) (total % errorCount.length);
        total++;
        errorCount[i] = total;
        sqid[i] = sq;
        cid[i] = commandId;
        status[i] = statusField << 1;
        lba[i] = lbaValue;
        nsid[i] = ns;
        return total;
    }

    /** The CQE of the error with Error Count {@code count} was posted with phase tag {@code phase}. */
    void posted(long count, int phase) {
        int i = (int) ((count - 1) % errorCount.length);
        if (count > 0 && errorCount[i] == count) {
            status[i] = status[i] & ~1 | phase & 1;
        }
    }

    /** Errors recorded since power-on with status code {@code code} (SCT and SC, {@link Status#code}). */
    long count(int code) {
        return byCode[code];
    }

    long total() {
        return total;
    }

    long invalidDoorbells() {
        return invalidDoorbells;
    }

    int bytes() {
        return errorCount.length * ENTRY;
    }

    /** Writes the page, newest entry first, into {@code out} (zeroed first). */
    void encode(byte[] out) {
        java.util.Arrays.fill(out, 0, bytes(), (byte) 0);
        int n = (int) Math.min(total, errorCount.length);
        for (int k = 0; k < n; k++) {
            int i = (int) ((total - 1 - k) % errorCount.length);
            int o = k * ENTRY;
            I64.set(out, o, errorCount[i]);
            I16.set(out, o + 8, (short) sqid[i]);
            I16.set(out, o + 10, (short) cid[i]);
            I16.set(out, o + 12, (short) status[i]);
            I16.set(out, o + 14, (short) 0xffff);
            I64.set(out, o + 16, lba[i]);
            I32.set(out, o + 24, nsid[i]);
        }
    }

    void reset() {
        total = 0;
    }
}
