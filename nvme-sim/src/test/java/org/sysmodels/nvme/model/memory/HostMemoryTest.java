package org.sysmodels.nvme.model.memory;

import org.sysmodels.nvme.model.memory.BlockStore;
import org.sysmodels.nvme.model.memory.DataMover;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.memory.HostMemoryFault;
import org.sysmodels.nvme.model.memory.Segments;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Host memory and the block store: copy-on-write sharing keeps byte-exact semantics. */
class HostMemoryTest {

    @Test
    void littleEndianAccessAcrossWidths() {
        HostMemory m = new HostMemory(1 << 16);
        m.write64(0x100, 0x0102_0304_0506_0708L);
        assertEquals(0x08, m.read8(0x100));
        assertEquals(0x0506_0708, m.read32(0x100));
        assertEquals(0x0102_0304, m.read32(0x104));
        assertThrows(HostMemoryFault.class, () -> m.read32(1 << 16), "outside memory");
        assertThrows(HostMemoryFault.class, () -> m.read32(4094), "a dword across a page boundary");
        assertFalse(m.dma().write(1 << 16, new byte[4], 0, 4), "the device side reports, never throws");
    }

    @Test
    void sharedPagesAreCopiedBeforeAnyWrite() {
        HostMemory m = new HostMemory(1 << 16);
        BlockStore media = new BlockStore(1 << 16);
        m.write32(0x1000, 42);
        Segments one = new Segments(4);
        one.add(0x1000, 4096);
        DataMover.fromHost(m.dma(), one, media, 0);
        assertSame(m.frame(1), media.chunk(0), "a whole-page write shares the block");
        m.write32(0x1000, 43);
        assertNotSame(m.frame(1), media.chunk(0), "the host copied before writing");
        assertEquals(42, HostMemory.getInt(media.chunk(0), 0), "the media kept the written data");
        DataMover.toHost(media, 0, one, m.dma());
        assertEquals(42, m.read32(0x1000));
        media.write(8, new byte[] {1}, 0, 1);
        assertEquals(0, m.read8(0x1008), "the store copied before its partial write");
    }

    @Test
    void partialTransfersCopyBytes() {
        HostMemory m = new HostMemory(1 << 16);
        BlockStore media = new BlockStore(1 << 16);
        byte[] data = new byte[1536];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        m.write(0x1a00, data, 0, data.length);
        Segments segs = new Segments(4);
        segs.add(0x1a00, 1536);
        DataMover.fromHost(m.dma(), segs, media, 4096 + 512);
        byte[] back = new byte[1536];
        media.read(4096 + 512, back, 0, back.length);
        assertArrayEquals(data, back);
        assertEquals(1, media.chunksInUse());
        media.zero(0, 1L << 16);
        assertEquals(0, media.chunksInUse(), "zeroing whole chunks deallocates them");
    }

    @Test
    void deviceAccessToFramesTheHostDoesNotOwnIsReported() {
        HostMemory m = new HostMemory(1 << 16);
        List<Long> seen = new ArrayList<>();
        m.observe(new DmaObserver() {
            @Override
            public void unallocatedAccess(long address, boolean write) {
                seen.add(address);
            }
        });
        m.setAllocated(2, false);
        m.dma().write32(0x2004, 1);
        m.dma().read32(0x1004);
        assertEquals(List.of(0x2004L), seen);
        assertTrue(m.isAllocated(1));
    }
}
