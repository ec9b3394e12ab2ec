package org.sysmodels.nvme.model.queue;

import static org.sysmodels.nvme.model.register.Bits.field;
import static org.sysmodels.nvme.model.register.Bits.place;

import org.sysmodels.nvme.model.memory.Dma;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.status.Status;

/**
 * A 16-byte Completion Queue Entry (NVMe 1.4 §4.6 Completion Queue Entry): DW0 = command specific; DW1 = reserved;
 * DW2 = SQHD [15:0] (the SQ head pointer when the entry was made), SQID [31:16]; DW3 = CID [15:0], P [16] (phase tag),
 * Status Field [31:17] (see {@link Status}).
 *
 * <p>The static methods encode and decode single dwords for the allocation-free paths; the record is a decoded
 * entry for tests, quizzes and the admin path.
 */
public record Cqe(int dw0, int sqhd, int sqid, int cid, int phase, int status) {

    public static final int BYTES = 16;

    public static int dw2(int sqhd, int sqid) {
        return place(sqhd, 15, 0) | place(sqid, 31, 16);
    }

    public static int dw3(int cid, int phase, int status) {
        return place(cid, 15, 0) | place(phase, 16, 16) | place(status, 31, 17);
    }

    public static int sqhd(int dw2) {
        return field(dw2, 15, 0);
    }

    public static int sqid(int dw2) {
        return field(dw2, 31, 16);
    }

    public static int cid(int dw3) {
        return field(dw3, 15, 0);
    }

    public static int phase(int dw3) {
        return field(dw3, 16, 16);
    }

    public static int status(int dw3) {
        return field(dw3, 31, 17);
    }

    /**
     * Device side: writes an entry at a 16-byte aligned {@code address}: DW0–DW1 and DW2 with plain stores, then a
     * release fence (StoreStore), then DW3, which holds the phase tag. @return false if outside host memory
     */
    public static boolean post(Dma dma, long address, int dw0, int dw2, int dw3) {
        byte[] f = dma.frameForWrite(address, BYTES);
        if (f == null) {
            return false;
        }
        int o = HostMemory.offset(address);
        HostMemory.putLong(f, o, dw0 & 0xffff_ffffL);
        HostMemory.putInt(f, o + 8, dw2);
        java.lang.invoke.VarHandle.releaseFence();
        HostMemory.putInt(f, o + 12, dw3);
        return true;
    }

    /** Host side: reads an entry (DW3 first, with acquire, as a driver must). */
    public static Cqe read(HostMemory memory, long address) {
        int d3 = memory.read32Acquire(address + 12);
        int d2 = memory.read32(address + 8);
        return new Cqe(memory.read32(address), sqhd(d2), sqid(d2), cid(d3), phase(d3), status(d3));
    }

    public boolean success() {
        return Status.isSuccess(status);
    }

    @Override
    public String toString() {
        return String.format("CQE[cid=%d sqid=%d sqhd=%d P=%d dw0=0x%X status=%s]", cid, sqid, sqhd, phase, dw0,
                Status.describe(status));
    }
}
