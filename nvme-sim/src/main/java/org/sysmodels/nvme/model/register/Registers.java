package org.sysmodels.nvme.model.register;

/**
 * Offsets of the controller registers in BAR0 (NVMe 1.4 §3.1 Register Definition), and the doorbell offsets, which
 * depend on the doorbell stride CAP.DSTRD (NVMe 1.4 §3.1.24–3.1.25: SQyTDBL at 1000h + (2y × (4 &lt;&lt; DSTRD)),
 * CQyHDBL at 1000h + ((2y + 1) × (4 &lt;&lt; DSTRD))).
 */
public final class Registers {

    public static final int CAP = 0x00;
    public static final int VS = 0x08;
    public static final int INTMS = 0x0C;
    public static final int INTMC = 0x10;
    public static final int CC = 0x14;
    public static final int CSTS = 0x1C;
    public static final int NSSR = 0x20;
    public static final int AQA = 0x24;
    public static final int ASQ = 0x28;
    public static final int ACQ = 0x30;
    public static final int DOORBELLS = 0x1000;

    /** The value that, written to NSSR, resets the NVM subsystem: "NVMe" in ASCII (NVMe 1.4 §3.1.7). */
    public static final int NSSR_RESET = 0x4E56_4D65;

    private Registers() {
    }

    /** Distance between consecutive doorbells in bytes: 4 &lt;&lt; CAP.DSTRD. */
    public static int stride(int dstrd) {
        return 4 << dstrd;
    }

    /** Offset of the Submission Queue y Tail Doorbell. */
    public static int sqTailDoorbell(int qid, int dstrd) {
        return DOORBELLS + 2 * qid * stride(dstrd);
    }

    /** Offset of the Completion Queue y Head Doorbell. */
    public static int cqHeadDoorbell(int qid, int dstrd) {
        return DOORBELLS + (2 * qid + 1) * stride(dstrd);
    }

    /** The doorbell index (2y for SQ y's tail, 2y+1 for CQ y's head) of a doorbell offset, or -1 if not one. */
    public static int doorbellIndex(int offset, int dstrd) {
        int rel = offset - DOORBELLS;
        int shift = 2 + dstrd;
        if (rel < 0 || (rel & ((1 << shift) - 1)) != 0) {
            return -1;
        }
        return rel >>> shift;
    }

    /** A readable name for a register offset, for traces and messages. */
    public static String name(int offset, int dstrd) {
        return switch (offset) {
            case CAP -> "CAP";
            case VS -> "VS";
            case INTMS -> "INTMS";
            case INTMC -> "INTMC";
            case CC -> "CC";
            case CSTS -> "CSTS";
            case NSSR -> "NSSR";
            case AQA -> "AQA";
            case ASQ -> "ASQ";
            case ACQ -> "ACQ";
            default -> {
                int i = doorbellIndex(offset, dstrd);
                yield i < 0 ? String.format("0x%X", offset)
                        : (i % 2 == 0 ? "SQ" + i / 2 + "TDBL" : "CQ" + i / 2 + "HDBL");
            }
        };
    }
}
