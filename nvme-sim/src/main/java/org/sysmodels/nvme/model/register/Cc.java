package org.sysmodels.nvme.model.register;

import static org.sysmodels.nvme.model.register.Bits.field;
import static org.sysmodels.nvme.model.register.Bits.place;

/**
 * Controller Configuration (CC, offset 14h, NVMe 1.4 §3.1.5), written by the host.
 *
 * @param en     Enable [0]
 * @param css    I/O Command Set Selected [6:4]: 000b = NVM command set
 * @param mps    Memory Page Size [10:7]: pages of 2^(12 + MPS) bytes
 * @param ams    Arbitration Mechanism Selected [13:11]: 000b round robin, 001b weighted round robin with urgent
 * @param shn    Shutdown Notification [15:14]: 01b normal, 10b abrupt
 * @param iosqes I/O Submission Queue Entry Size [19:16], as a power of two: 6 = 64 bytes
 * @param iocqes I/O Completion Queue Entry Size [23:20], as a power of two: 4 = 16 bytes
 */
public record Cc(boolean en, int css, int mps, int ams, int shn, int iosqes, int iocqes) {

    public static final int SHN_NONE = 0;
    public static final int SHN_NORMAL = 1;
    public static final int SHN_ABRUPT = 2;
    public static final int AMS_ROUND_ROBIN = 0;
    public static final int AMS_WEIGHTED_ROUND_ROBIN = 1;

    public static Cc decode(int v) {
        return new Cc(field(v, 0, 0) != 0, field(v, 6, 4), field(v, 10, 7), field(v, 13, 11), field(v, 15, 14),
                field(v, 19, 16), field(v, 23, 20));
    }

    public int encode() {
        return place(en ? 1 : 0, 0, 0) | place(css, 6, 4) | place(mps, 10, 7) | place(ams, 13, 11)
                | place(shn, 15, 14) | place(iosqes, 19, 16) | place(iocqes, 23, 20);
    }

    /** The memory page size in bytes this configuration selects. */
    public int pageSize() {
        return 1 << (12 + mps);
    }

    /** The usual Linux configuration: enabled, NVM command set, the given page size and arbitration, 64/16-byte entries. */
    public static Cc linux(int mps, int ams) {
        return new Cc(true, 0, mps, ams, SHN_NONE, 6, 4);
    }

    public Cc withEn(boolean enable) {
        return new Cc(enable, css, mps, ams, shn, iosqes, iocqes);
    }

    public Cc withShn(int notification) {
        return new Cc(en, css, mps, ams, notification, iosqes, iocqes);
    }
}
