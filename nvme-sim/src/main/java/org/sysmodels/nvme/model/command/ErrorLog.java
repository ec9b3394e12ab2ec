package org.sysmodels.nvme.model.command;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Error Information log page (Log Identifier 01h, NVMe 1.4 §5.14.1.1): the most recent errors, newest first, 64
 * bytes each: Error Count (8), Submission Queue ID (2), Command ID (2, FFFFh if not tied to a command), Status Field
 * (2, bits 15:1, bit 0 the phase tag of the CQE), Parameter Error Location (2), LBA (8), Namespace (4), then
 * vendor-specific and reserved bytes.
 */
final class ErrorLog {

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

    ErrorLog(int entries) {
        errorCount = new long[entries];
        sqid = new int[entries];
        cid = new int[entries];
        status = new int[entries];
        lba = new long[entries];
        nsid = new int[entries];
    }

    void record(int sq, int commandId, int statusField, long lbaValue, int ns) {
        int i = (int) (total % errorCount.length);
        total++;
        errorCount[i] = total;
        sqid[i] = sq;
        cid[i] = commandId;
        status[i] = statusField;
        lba[i] = lbaValue;
        nsid[i] = ns;
    }

    long total() {
        return total;
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
            I16.set(out, o + 12, (short) (status[i] << 1));
            I16.set(out, o + 14, (short) 0xffff);
            I64.set(out, o + 16, lba[i]);
            I32.set(out, o + 24, nsid[i]);
        }
    }

    void reset() {
        total = 0;
    }
}
