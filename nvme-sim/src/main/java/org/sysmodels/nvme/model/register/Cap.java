package org.sysmodels.nvme.model.register;

import static org.sysmodels.nvme.model.register.Bits.field;
import static org.sysmodels.nvme.model.register.Bits.place;

/**
 * Controller Capabilities (CAP, offset 00h, NVMe 1.4 §3.1.1), read-only to the host.
 *
 * @param mqes   Maximum Queue Entries Supported [15:0], 0's based: the largest queue has mqes + 1 entries
 * @param cqr    Contiguous Queues Required [16]
 * @param ams    Arbitration Mechanism Supported [18:17]: bit 0 = weighted round robin with urgent priority class
 * @param to     Timeout [31:24]: worst-case time to CSTS.RDY after CC.EN changes, in 500 ms units
 * @param dstrd  Doorbell Stride [35:32]: doorbells are 4 &lt;&lt; DSTRD bytes apart
 * @param nssrs  NVM Subsystem Reset Supported [36]
 * @param css    Command Sets Supported [44:37]: bit 0 = NVM command set
 * @param mpsmin Memory Page Size Minimum [51:48]: 2^(12 + MPSMIN) bytes
 * @param mpsmax Memory Page Size Maximum [55:52]
 */
public record Cap(int mqes, boolean cqr, int ams, int to, int dstrd, boolean nssrs, int css, int mpsmin, int mpsmax) {

    public long encode() {
        return place((long) mqes, 15, 0) | place(cqr ? 1L : 0L, 16, 16) | place((long) ams, 18, 17)
                | place((long) to, 31, 24) | place((long) dstrd, 35, 32) | place(nssrs ? 1L : 0L, 36, 36)
                | place((long) css, 44, 37) | place((long) mpsmin, 51, 48) | place((long) mpsmax, 55, 52);
    }

    public static Cap decode(long v) {
        return new Cap((int) field(v, 15, 0), field(v, 16, 16) != 0, (int) field(v, 18, 17), (int) field(v, 31, 24),
                (int) field(v, 35, 32), field(v, 36, 36) != 0, (int) field(v, 44, 37), (int) field(v, 51, 48),
                (int) field(v, 55, 52));
    }

    /** True if weighted round robin with urgent priority class is supported (AMS bit 0). */
    public boolean wrrSupported() {
        return (ams & 1) != 0;
    }

    /** CAP.TO as nanoseconds: the host's ready timeout is (TO + 1) × 500 ms in Linux. */
    public long timeoutNanos() {
        return to * 500_000_000L;
    }
}
