package org.sysmodels.nvme.model;

import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.queue.Sqe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The 64-byte SQE layout of NVMe 1.4 §4.2, byte by byte, through host memory and back. */
class SqeLayoutTest {

    private static final long SLOT = 3 * HostMemory.PAGE_SIZE + 5 * Sqe.BYTES;

    @Test
    void everyFieldLandsAtItsSpecOffset() {
        HostMemory m = new HostMemory(16 * HostMemory.PAGE_SIZE);
        Sqe s = new Sqe().command(Opcodes.READ, 0xBEEF).nsid(0x01020304).prp1(0x1111_2222_3333_4440L)
                .prp2(0x5555_6666_7777_8000L).cdw10_11(0x0A0B_0C0D_0E0F_1011L).cdw(12, 0x1213_1415)
                .cdw(13, 0x1617_1819).cdw(14, 0x1A1B_1C1D).cdw(15, 0x1E1F_2021);
        s.writeTo(m, SLOT);
        assertEquals(Opcodes.READ, m.read8(SLOT));
        assertEquals(0xBEEF, m.read32(SLOT) >>> 16, "CID is DW0 bits 31:16");
        assertEquals(0x01020304, m.read32(SLOT + 4), "NSID is DW1");
        assertEquals(0L, m.read64(SLOT + 8), "DW2-3 reserved");
        assertEquals(0L, m.read64(SLOT + 16), "MPTR");
        assertEquals(0x1111_2222_3333_4440L, m.read64(SLOT + 24), "PRP1 is DW6-7");
        assertEquals(0x5555_6666_7777_8000L, m.read64(SLOT + 32), "PRP2 is DW8-9");
        assertEquals(0x0E0F_1011, m.read32(SLOT + 40), "CDW10");
        assertEquals(0x0A0B_0C0D, m.read32(SLOT + 44), "CDW11");
        assertEquals(0x1213_1415, m.read32(SLOT + 48), "CDW12");
        assertEquals(0x1E1F_2021, m.read32(SLOT + 60), "CDW15");

        Sqe back = new Sqe();
        assertTrue(back.fetch(m.dma(), SLOT));
        for (int i = 0; i < 16; i++) {
            assertEquals(s.dw(i), back.dw(i), "DW" + i);
        }
        assertEquals(0xBEEF, back.cid());
        assertEquals(0x1213_1415, back.cdw12());
    }

    @Test
    void readWriteFastPathWritesTheSameBytesAsTheGeneralOne() {
        HostMemory a = new HostMemory(16 * HostMemory.PAGE_SIZE);
        HostMemory b = new HostMemory(16 * HostMemory.PAGE_SIZE);
        new Sqe().command(Opcodes.WRITE, 17).nsid(1).prp1(0x4000).prp2(0x9000).cdw10_11(123_456_789L).cdw(12, 7)
                .writeTo(a, SLOT);
        Sqe.writeReadWrite(b, SLOT, Opcodes.WRITE, 17, 1, 0x4000, 0x9000, 123_456_789L, 7);
        byte[] x = new byte[Sqe.BYTES];
        byte[] y = new byte[Sqe.BYTES];
        a.read(SLOT, x, 0, Sqe.BYTES);
        b.read(SLOT, y, 0, Sqe.BYTES);
        assertArrayEquals(x, y);
    }

    @Test
    void aDwordOutsideTheEntryIsAClearError() {
        Sqe s = new Sqe();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.dw(16, 1));
        assertTrue(e.getMessage().contains("DW0 to DW15"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.dw(-1));
    }
}
