package org.sysmodels.nvme.model.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sysmodels.nvme.model.memory.HostMemory;

/**
 * The 64-byte submission queue entry in host memory (NVMe 1.4 Figure 104): every dword lands at offset 4 × n, the
 * fast Read/Write writer zeroes the dwords it does not set (a reused slot must not keep an old MPTR or CDW14), and a
 * slot outside memory cannot be fetched.
 */
class SqeBytesTest {

    @Test
    void everyDwordLandsAtItsOffset() {
        HostMemory m = new HostMemory(4 * 4096);
        Sqe s = new Sqe();
        for (int i = 0; i < 16; i++) {
            s.dw(i, 0x1000_0000 | i * 0x0101_0101);
        }
        s.writeTo(m, 4096 + 64);
        for (int i = 0; i < 16; i++) {
            assertEquals(0x1000_0000 | i * 0x0101_0101, m.read32(4096 + 64 + 4L * i), "DW" + i);
        }
        Sqe back = new Sqe();
        assertTrue(back.fetch(m.dma(), 4096 + 64));
        for (int i = 0; i < 16; i++) {
            assertEquals(s.dw(i), back.dw(i), "DW" + i);
        }
        s.dw(3, 0xabcd);
        assertEquals(0x1000_0000 | 2 * 0x0101_0101, s.dw(2), "setting DW3 keeps DW2");
        assertEquals(0xabcd, s.dw(3));
        assertThrows(IllegalArgumentException.class, () -> s.dw(16));
        assertThrows(IllegalArgumentException.class, () -> s.dw(-1, 0));
        assertFalse(back.fetch(m.dma(), 4 * 4096 - 32), "a slot that does not fit in memory");
        assertTrue(s.toString().startsWith("SQE[opc="), s.toString());
    }

    @Test
    void theFastWriterZeroesWhatItDoesNotSet() {
        HostMemory m = new HostMemory(2 * 4096);
        byte[] ff = new byte[128];
        java.util.Arrays.fill(ff, (byte) 0xff);
        m.write(128, ff, 0, 128);
        Sqe.writeReadWrite(m, 128, 0x02, 7, 1, 0x5000, 0x6000, 99, 3);
        Sqe s = new Sqe();
        assertTrue(s.fetch(m.dma(), 128));
        assertEquals(0x02, s.opcode());
        assertEquals(7, s.cid());
        assertEquals(1, s.nsid());
        assertEquals(0, s.dw(2));
        assertEquals(0, s.dw(3));
        assertEquals(0, s.dw(4), "MPTR");
        assertEquals(0, s.dw(5));
        assertEquals(0x5000, s.prp1());
        assertEquals(0x6000, s.prp2());
        assertEquals(99, s.dw(10));
        assertEquals(0, s.dw(11));
        assertEquals(3, s.dw(12), "NLB, 0's based");
        assertEquals(0, s.dw(13));
        assertEquals(0, s.dw(14));
        assertEquals(0, s.dw(15));
        assertEquals(0xffffffff, m.read32(128 + 64), "the next slot is untouched");
    }
}
