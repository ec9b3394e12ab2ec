package org.sysmodels.nvme.model.queue;

import static org.sysmodels.nvme.model.register.Bits.field;
import static org.sysmodels.nvme.model.register.Bits.place;

import org.sysmodels.nvme.model.memory.Dma;
import org.sysmodels.nvme.model.memory.HostMemory;

/**
 * A 64-byte Submission Queue Entry as sixteen little-endian dwords (NVMe 1.4 §4.2 Submission Queue Entry – Command
 * Format): DW0 = opcode [7:0], FUSE [9:8], PSDT [15:14], CID [31:16]; DW1 = NSID; DW4–5 = MPTR; DW6–7 = PRP1;
 * DW8–9 = PRP2; DW10–15 = command specific (CDW10–CDW15).
 *
 * <p>Mutable and reusable: the host fills one and writes it into the queue slot; the controller reads a slot into one
 * it owns per in-device command. Neither allocates.
 */
public final class Sqe {

    public static final int BYTES = 64;

    /**
     * The entry as eight little-endian qwords: qword i holds DW(2i) in its low half and DW(2i+1) in its high half.
     * Fields rather than an array, so the hot accessors need no bounds checks.
     */
    private long q0;
    private long q1;
    private long q2;
    private long q3;
    private long q4;
    private long q5;
    private long q6;
    private long q7;

    public static int opcodeOf(int dw0) {
        return field(dw0, 7, 0);
    }

    public static int fuseOf(int dw0) {
        return field(dw0, 9, 8);
    }

    public static int psdtOf(int dw0) {
        return field(dw0, 15, 14);
    }

    public static int cidOf(int dw0) {
        return field(dw0, 31, 16);
    }

    public static int dw0(int opcode, int cid) {
        return place(opcode, 7, 0) | place(cid, 31, 16);
    }

    /** Clears every dword: a fresh command. */
    public Sqe clear() {
        q0 = q1 = q2 = q3 = q4 = q5 = q6 = q7 = 0;
        return this;
    }

    public int dw(int i) {
        return (int) (qword(i) >>> ((i & 1) << 5));
    }

    public Sqe dw(int i, int value) {
        int shift = (i & 1) << 5;
        return qword(i, (qword(i) & ~(0xffff_ffffL << shift)) | ((value & 0xffff_ffffL) << shift));
    }

    public int opcode() {
        return opcodeOf((int) q0);
    }

    public int cid() {
        return cidOf((int) q0);
    }

    public int fuse() {
        return fuseOf((int) q0);
    }

    public int psdt() {
        return psdtOf((int) q0);
    }

    public Sqe command(int opcode, int cid) {
        return dw(0, dw0(opcode, cid));
    }

    public Sqe cid(int cid) {
        return dw(0, (dw(0) & 0xffff) | place(cid, 31, 16));
    }

    public int nsid() {
        return (int) (q0 >>> 32);
    }

    public Sqe nsid(int nsid) {
        return dw(1, nsid);
    }

    public long prp1() {
        return q3;
    }

    public Sqe prp1(long a) {
        return qword(6, a);
    }

    public long prp2() {
        return q4;
    }

    public Sqe prp2(long a) {
        return qword(8, a);
    }

    /** Command Dword n, n in 10..15. */
    public int cdw(int n) {
        return dw(n);
    }

    /** CDW12 (NLB and flags in Read and Write). */
    public int cdw12() {
        return (int) q6;
    }

    public Sqe cdw(int n, int value) {
        return dw(n, value);
    }

    /** CDW10–11 as a 64-bit value (SLBA in NVM I/O commands). */
    public long cdw10_11() {
        return q5;
    }

    public Sqe cdw10_11(long v) {
        return qword(10, v);
    }

    /** The qword holding DW(i). */
    private long qword(int i) {
        checkDword(i);
        return switch (i >>> 1) {
            case 0 -> q0;
            case 1 -> q1;
            case 2 -> q2;
            case 3 -> q3;
            case 4 -> q4;
            case 5 -> q5;
            case 6 -> q6;
            default -> q7;
        };
    }

    private Sqe qword(int i, long v) {
        checkDword(i);
        switch (i >>> 1) {
            case 0 -> q0 = v;
            case 1 -> q1 = v;
            case 2 -> q2 = v;
            case 3 -> q3 = v;
            case 4 -> q4 = v;
            case 5 -> q5 = v;
            case 6 -> q6 = v;
            default -> q7 = v;
        }
        return this;
    }

    private static void checkDword(int i) {
        if (i < 0 || i > 15) {
            throw new IllegalArgumentException("SQE dword " + i + " does not exist: a 64-byte SQE has DW0 to DW15");
        }
    }

    /**
     * Host side: writes the 64 bytes at {@code address}, which must not cross a page (queue slots never do), as eight
     * plain little-endian qword stores; the tail doorbell's release store publishes them.
     */
    public void writeTo(HostMemory memory, long address) {
        byte[] f = memory.cpuFrameForWrite(address, BYTES);
        int o = HostMemory.offset(address);
        HostMemory.putLong(f, o, q0);
        HostMemory.putLong(f, o + 8, q1);
        HostMemory.putLong(f, o + 16, q2);
        HostMemory.putLong(f, o + 24, q3);
        HostMemory.putLong(f, o + 32, q4);
        HostMemory.putLong(f, o + 40, q5);
        HostMemory.putLong(f, o + 48, q6);
        HostMemory.putLong(f, o + 56, q7);
    }

    /** Device side: reads the 64 bytes at {@code address} by DMA. @return false if outside host memory */
    public boolean fetch(Dma dma, long address) {
        byte[] f = dma.frameForRead(address, BYTES);
        if (f == null) {
            return false;
        }
        int o = HostMemory.offset(address);
        q0 = HostMemory.getLong(f, o);
        q1 = HostMemory.getLong(f, o + 8);
        q2 = HostMemory.getLong(f, o + 16);
        q3 = HostMemory.getLong(f, o + 24);
        q4 = HostMemory.getLong(f, o + 32);
        q5 = HostMemory.getLong(f, o + 40);
        q6 = HostMemory.getLong(f, o + 48);
        q7 = HostMemory.getLong(f, o + 56);
        return true;
    }

    /**
     * Host side, fast path: writes a Read or Write SQE (NVM opcodes 02h/01h) straight into the slot at
     * {@code address}, as the eight qwords of the 64-byte layout: DW0 opcode and CID with DW1 NSID; DW2–3 and MPTR
     * zero; PRP1; PRP2; CDW10–11 SLBA; CDW12 NLB (0's based) with CDW13; CDW14–15 zero.
     */
    public static void writeReadWrite(HostMemory memory, long address, int opcode, int cid, int nsid, long prp1,
                                      long prp2, long slba, int nlb0) {
        byte[] f = memory.cpuFrameForWrite(address, BYTES);
        int o = HostMemory.offset(address);
        HostMemory.putLong(f, o, (dw0(opcode, cid) & 0xffff_ffffL) | ((long) nsid << 32));
        HostMemory.putLong(f, o + 8, 0L);
        HostMemory.putLong(f, o + 16, 0L);
        HostMemory.putLong(f, o + 24, prp1);
        HostMemory.putLong(f, o + 32, prp2);
        HostMemory.putLong(f, o + 40, slba);
        HostMemory.putLong(f, o + 48, nlb0 & 0xffffL);
        HostMemory.putLong(f, o + 56, 0L);
    }

    @Override
    public String toString() {
        return String.format("SQE[opc=%02Xh cid=%d nsid=%d prp1=0x%X prp2=0x%X cdw10=0x%X cdw11=0x%X cdw12=0x%X]",
                opcode(), cid(), nsid(), prp1(), prp2(), dw(10), dw(11), dw(12));
    }
}
