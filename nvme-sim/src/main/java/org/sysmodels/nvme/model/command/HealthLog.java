package org.sysmodels.nvme.model.command;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The SMART / Health Information log page (Log Identifier 02h, NVMe 1.4 §5.14.1.2), 512 bytes: Critical Warning (0),
 * Composite Temperature in kelvins (1–2), Available Spare (3), Available Spare Threshold (4), Percentage Used (5),
 * then 16-byte counters: Data Units Read (32) and Written (48) in thousands of 512-byte units rounded up, Host Read
 * (64) and Write (80) Commands, Controller Busy Time in minutes (96), Power Cycles (112), Power On Hours (128), Unsafe
 * Shutdowns (144), Media and Data Integrity Errors (160), Number of Error Information Log Entries (176).
 */
final class HealthLog {

    static final int BYTES = 512;
    /** The Composite Temperature this model reports, constant: 313 K (40 °C). */
    static final int COMPOSITE_TEMPERATURE = 313;
    /** Critical Warning bit 1: a temperature reached its over or under temperature threshold. */
    static final int WARNING_TEMPERATURE = 1 << 1;
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    long bytesRead;
    long bytesWritten;
    long readCommands;
    long writeCommands;
    long busyNanos;
    long mediaErrors;
    long unsafeShutdowns;
    long powerCycles = 1;

    void encode(byte[] out, long now, long errorLogEntries, int criticalWarning) {
        java.util.Arrays.fill(out, 0, BYTES, (byte) 0);
        out[0] = (byte) criticalWarning;
        I16.set(out, 1, (short) COMPOSITE_TEMPERATURE);
        out[3] = 100;
        out[4] = 10;
        I64.set(out, 32, units(bytesRead));
        I64.set(out, 48, units(bytesWritten));
        I64.set(out, 64, readCommands);
        I64.set(out, 80, writeCommands);
        I64.set(out, 96, busyNanos / 60_000_000_000L);
        I64.set(out, 112, powerCycles);
        I64.set(out, 128, now / 3_600_000_000_000L);
        I64.set(out, 144, unsafeShutdowns);
        I64.set(out, 160, mediaErrors);
        I64.set(out, 176, errorLogEntries);
    }

    /** Thousands of 512-byte units, rounded up (§5.14.1.2 Data Units Read). */
    static long units(long bytes) {
        long sectors = (bytes + 511) / 512;
        return (sectors + 999) / 1000;
    }
}
