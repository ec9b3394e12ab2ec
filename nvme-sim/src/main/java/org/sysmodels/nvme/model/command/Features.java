package org.sysmodels.nvme.model.command;

import static org.sysmodels.nvme.model.register.Bits.field;
import static org.sysmodels.nvme.model.register.Bits.place;

/**
 * The Set/Get Features state this controller supports (NVMe 1.4 §5.21.1): Arbitration (01h: AB [2:0], LPW [15:8],
 * MPW [23:16], HPW [31:24]), Number of Queues (07h: NSQR [15:0], NCQR [31:16], both 0's based; Dword 0 of the
 * completion returns NSQA/NCQA the same way) and Interrupt Coalescing (08h: THR [7:0], TIME [15:8]). All are reset
 * to their defaults by a controller reset.
 */
final class Features {

    static final int ARBITRATION = 0x01;
    static final int NUMBER_OF_QUEUES = 0x07;
    static final int INTERRUPT_COALESCING = 0x08;

    static final int ARBITRATION_DEFAULT = place(7, 2, 0);

    int arbitration = ARBITRATION_DEFAULT;
    int coalescing;
    /** Allocated I/O queues, 0's based; -1 until Set Features Number of Queues. */
    int nsqa = -1;
    int ncqa = -1;

    int ab() {
        return field(arbitration, 2, 0);
    }

    int lpw() {
        return field(arbitration, 15, 8);
    }

    int mpw() {
        return field(arbitration, 23, 16);
    }

    int hpw() {
        return field(arbitration, 31, 24);
    }

    int threshold() {
        return field(coalescing, 7, 0);
    }

    int time() {
        return field(coalescing, 15, 8);
    }

    boolean queuesAllocated() {
        return nsqa >= 0;
    }

    void reset() {
        arbitration = ARBITRATION_DEFAULT;
        coalescing = 0;
        nsqa = -1;
        ncqa = -1;
    }
}
