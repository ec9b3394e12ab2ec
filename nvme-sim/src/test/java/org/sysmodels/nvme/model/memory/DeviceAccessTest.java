package org.sysmodels.nvme.model.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * The device's view of host memory ({@link Dma}), the CPU's byte copies, the media store and the movers between them:
 * bytes land where the PRP segments say, a range past the end of memory is a Data Transfer Error (NVMe 1.4 Figure 128,
 * status 04h) and never a crash, and every device access to a frame the host's allocator does not own is reported.
 */
class DeviceAccessTest {

    private static final int PAGE = HostMemory.PAGE_SIZE;

    /** Records every unallocated access as "R@addr" or "W@addr". */
    private static final class Accesses implements DmaObserver {
        final List<String> seen = new ArrayList<>();

        @Override
        public void unallocatedAccess(long address, boolean write) {
            seen.add((write ? "W@" : "R@") + Long.toHexString(address));
        }
    }

    private static byte[] pattern(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    private static Segments segs(long... addressLength) {
        Segments s = new Segments(8);
        for (int i = 0; i < addressLength.length; i += 2) {
            assertTrue(s.add(addressLength[i], (int) addressLength[i + 1]));
        }
        return s;
    }

    @Test
    void rangesEndExactlyAtTheEndOfMemory() {
        HostMemory m = new HostMemory(4 * PAGE);
        Dma d = m.dma();
        assertEquals(4 * PAGE, m.size());
        assertTrue(d.inRange(0, 4 * PAGE));
        assertTrue(d.inRange(4 * PAGE, 0), "an empty range at the end");
        assertFalse(d.inRange(4 * PAGE - 3, 4));
        assertFalse(d.inRange(-1, 1));
        assertFalse(d.inRange(0, -1));
        assertTrue(d.write(4 * PAGE - 4, new byte[] {1, 2, 3, 4}, 0, 4), "the last dword");
        assertFalse(d.read(4 * PAGE - 3, new byte[4], 0, 4));
        assertFalse(d.zero(4 * PAGE - 3, 4));
        assertTrue(d.zero(4 * PAGE - 4, 4));
        assertEquals(0, m.read32(4 * PAGE - 4));

        assertEquals(0x4000 + 0x12, HostMemory.address(4, 0x12));
        m.write32(4 * PAGE - 4, 9);
        assertEquals(9, m.read32(4 * PAGE - 4), "a CPU dword at the very end");
        assertThrows(HostMemoryFault.class, () -> m.read32(4 * PAGE - 3));
        assertThrows(HostMemoryFault.class, () -> m.read32(-4));
        assertThrows(HostMemoryFault.class, () -> m.write(4 * PAGE - 2, new byte[4], 0, 4));
        assertThrows(HostMemoryFault.class, () -> m.read(4 * PAGE - 2, new byte[4], 0, 4));
        assertThrows(HostMemoryFault.class, () -> m.zero(4 * PAGE - 2, 4));
        assertThrows(HostMemoryFault.class, () -> m.zero(0, -1));
        m.read(4 * PAGE - 4, new byte[4], 0, 4);
        m.zero(4 * PAGE, 0);
    }

    @Test
    void framesWithinOnePageOnly() {
        HostMemory m = new HostMemory(4 * PAGE);
        Dma d = m.dma();
        m.write32(PAGE + 8, 0x1234_5678);
        byte[] f = d.frameForRead(PAGE + 8, 4);
        assertNotNull(f);
        assertEquals(0x1234_5678, HostMemory.getInt(f, 8));
        assertNotNull(d.frameForRead(PAGE, PAGE), "a whole page");
        assertNull(d.frameForRead(PAGE + 1, PAGE), "one byte into the next page");
        assertNull(d.frameForWrite(2 * PAGE - 2, 4), "a dword across pages");
        assertNotNull(d.frameForWrite(2 * PAGE - 4, 4));
        assertNull(d.frameForRead(4 * PAGE, 4));
        byte[] w = d.frameForWrite(PAGE + 16, 4);
        HostMemory.putInt(w, 16, 77);
        assertEquals(77, m.read32(PAGE + 16), "the writable frame is the host's frame");
        assertSame(m.frame(1), m.cpuFrame(PAGE, 4));
    }

    @Test
    void deviceCopiesCrossPagesByteForByte() {
        HostMemory m = new HostMemory(4 * PAGE);
        Dma d = m.dma();
        byte[] data = pattern(PAGE + 300, 3);
        assertTrue(d.write(PAGE - 100, data, 0, data.length));
        byte[] back = new byte[data.length];
        m.read(PAGE - 100, back, 0, back.length);
        assertArrayEquals(data, back);
        byte[] viaDma = new byte[data.length + 10];
        assertTrue(d.read(PAGE - 100, viaDma, 10, data.length));
        for (int i = 0; i < data.length; i++) {
            assertEquals(data[i], viaDma[i + 10], "byte " + i);
        }
        assertEquals(HostMemory.getInt(data, 100), d.read32(PAGE));
        assertEquals(HostMemory.getLong(data, 108), d.read64(PAGE + 8));
        d.write32(PAGE + 4, 0xcafe);
        d.write32Release(PAGE + 12, 0xbeef);
        assertEquals(0xcafe, m.read32(PAGE + 4));
        assertEquals(0xbeef, m.read32Acquire(PAGE + 12));

        byte[] cpu = pattern(2 * PAGE + 20, 5);
        m.write(PAGE / 2, cpu, 0, cpu.length);
        byte[] cpuBack = new byte[cpu.length + 3];
        m.read(PAGE / 2, cpuBack, 3, cpu.length);
        for (int i = 0; i < cpu.length; i++) {
            assertEquals(cpu[i], cpuBack[i + 3], "byte " + i);
        }
        assertEquals(0, m.read8(PAGE / 2 + cpu.length), "nothing written past the range");
        assertEquals(0, m.read8(PAGE / 2 - 1), "nothing written before the range");
    }

    @Test
    void zeroingClearsExactlyTheRange() {
        HostMemory m = new HostMemory(4 * PAGE);
        Dma d = m.dma();
        byte[] ones = new byte[4 * PAGE];
        java.util.Arrays.fill(ones, (byte) 0xff);
        m.write(0, ones, 0, ones.length);
        assertTrue(d.zero(PAGE - 8, PAGE + 16), "the tail of page 0, all of page 1, the head of page 2");
        assertEquals(0xff, m.read8(PAGE - 9));
        assertEquals(0, m.read8(PAGE - 8));
        assertEquals(0, m.read8(PAGE + 100));
        assertEquals(0, m.read8(2 * PAGE + 7));
        assertEquals(0xff, m.read8(2 * PAGE + 8));
        assertSame(Blocks.ZERO, m.frame(1), "a whole page becomes the shared zero block");
        m.write8(PAGE, 1);
        assertEquals(1, m.read8(PAGE), "and is copied before the next write");
        assertEquals(0, Blocks.ZERO[0]);

        m.write(0, ones, 0, ones.length);
        m.zero(PAGE - 8, PAGE + 16);
        assertEquals(0xff, m.read8(PAGE - 9));
        assertEquals(0, m.read8(PAGE - 8));
        assertEquals(0, m.read8(PAGE + 4095));
        assertEquals(0, m.read8(2 * PAGE + 7));
        assertEquals(0xff, m.read8(2 * PAGE + 8));
        m.shareFrame(3);
        m.zero(3 * PAGE, PAGE);
        assertSame(Blocks.ZERO, m.frame(3), "a shared whole page becomes the zero block");
        byte[] fresh = m.freshFrame(3);
        fresh[0] = 5;
        assertEquals(5, m.read8(3 * PAGE));
    }

    @Test
    void everyDeviceAccessToAFrameTheHostDoesNotOwnIsReported() {
        HostMemory m = new HostMemory(4 * PAGE);
        Accesses seen = new Accesses();
        m.observe(seen);
        Dma d = m.dma();
        d.read32(PAGE);
        d.write(0, new byte[8], 0, 8);
        assertTrue(seen.seen.isEmpty(), "every frame is owned without an allocator");

        m.setAllocated(2, false);
        assertFalse(m.isAllocated(2));
        assertTrue(m.isAllocated(1));
        d.read32(2 * PAGE + 4);
        d.read64(2 * PAGE + 8);
        d.write32(2 * PAGE + 12, 1);
        d.write32Release(2 * PAGE + 16, 1);
        d.frameForRead(2 * PAGE + 20, 4);
        d.frameForWrite(2 * PAGE + 24, 4);
        d.read(2 * PAGE + 28, new byte[4], 0, 4);
        d.write(2 * PAGE + 32, new byte[4], 0, 4);
        d.zero(2 * PAGE + 36, 4);
        d.putFrame(2, Blocks.ZERO);
        d.takeFrame(2);
        assertEquals(List.of("R@2004", "R@2008", "W@200c", "W@2010", "R@2014", "W@2018", "R@201c", "W@2020",
                "W@2024", "W@2000", "R@2000"), seen.seen);

        seen.seen.clear();
        d.write(2 * PAGE - 4, new byte[8], 0, 8);
        d.read(PAGE, new byte[3 * PAGE], 0, 3 * PAGE);
        d.zero(PAGE, 2 * PAGE);
        assertEquals(List.of("W@2000", "R@2000", "W@2000"), seen.seen, "only the unowned frame of a longer copy");
        m.observe(null);
        d.read32(2 * PAGE);
        assertEquals(3, seen.seen.size(), "no observer after observe(null)");
    }

    @Test
    void wholeFramesMoveByReference() {
        HostMemory m = new HostMemory(4 * PAGE);
        Dma d = m.dma();
        byte[] block = pattern(PAGE, 1);
        d.putFrame(1, block);
        assertSame(block, m.frame(1));
        m.write8(PAGE, 99);
        assertEquals(1, block[0], "the host copies a shared frame before writing it");
        assertEquals(99, m.read8(PAGE));
        byte[] taken = d.takeFrame(1);
        assertSame(taken, m.frame(1));
        m.write8(PAGE + 1, 42);
        assertEquals((byte) (7 + 1), taken[1], "taken frames are shared too");
    }

    @Test
    void mediaStoreCopiesAcrossChunksAndCountsChunksInUse() {
        BlockStore media = new BlockStore(10 * PAGE + 1);
        assertEquals(11L * PAGE, media.capacity(), "rounded up to whole chunks");
        assertEquals(PAGE, new BlockStore(PAGE).capacity());
        BlockStore big = new BlockStore(1025L * PAGE);
        big.write(1024L * PAGE, new byte[] {7}, 0, 1);
        assertEquals(7, big.chunk(1024)[0], "the second level-2 table exists");
        assertSame(Blocks.ZERO, media.chunk(3));

        byte[] data = pattern(2 * PAGE + 10, 9);
        media.write(PAGE - 5, data, 0, data.length);
        assertEquals(4, media.chunksInUse(), "chunks 0..3 touched");
        byte[] back = new byte[data.length + 2];
        media.read(PAGE - 5, back, 2, data.length);
        for (int i = 0; i < data.length; i++) {
            assertEquals(data[i], back[i + 2], "byte " + i);
        }
        media.zero(PAGE - 5, data.length);
        byte[] zeros = new byte[data.length];
        media.read(PAGE - 5, zeros, 0, zeros.length);
        assertArrayEquals(new byte[data.length], zeros);
        assertEquals(2, media.chunksInUse(), "the whole chunks 1 and 2 are deallocated, 0 and 3 keep their other bytes");
    }

    @Test
    void mediaZeroOfAPartialChunkKeepsTheRest() {
        BlockStore media = new BlockStore(4 * PAGE);
        byte[] ones = new byte[PAGE];
        java.util.Arrays.fill(ones, (byte) 1);
        media.write(0, ones, 0, PAGE);
        media.zero(10, 20);
        byte[] back = new byte[PAGE];
        media.read(0, back, 0, PAGE);
        assertEquals(1, back[9]);
        assertEquals(0, back[10]);
        assertEquals(0, back[29]);
        assertEquals(1, back[30]);
        media.zero(PAGE, 20);
        assertSame(Blocks.ZERO, media.chunk(1), "zeroing an unwritten chunk allocates nothing");
        assertEquals(1, media.chunksInUse());
        media.put(2, ones);
        media.put(2, pattern(PAGE, 2));
        assertEquals(2, media.chunksInUse(), "replacing a chunk is not a new chunk");
        media.put(2, Blocks.ZERO);
        assertEquals(1, media.chunksInUse());
    }

    @Test
    void readAndWriteMoversPlaceBytesByPrpSegments() {
        HostMemory m = new HostMemory(8 * PAGE);
        BlockStore media = new BlockStore(16 * PAGE);
        byte[] data = pattern(3 * PAGE, 4);
        media.write(2L * PAGE + 512, data, 0, data.length);

        // Read of 2 KiB at media offset 2 pages + 512 into a buffer 100 bytes before a page end.
        Segments two = segs(PAGE - 100, 100, PAGE, 1948);
        assertEquals(Status.SUCCESS, DataMover.toHost(media, 2L * PAGE + 512, two, m.dma()));
        byte[] got = new byte[2048];
        m.read(PAGE - 100, got, 0, 100);
        m.read(PAGE, got, 100, 1948);
        for (int i = 0; i < 2048; i++) {
            assertEquals(data[i], got[i], "byte " + i);
        }
        // A whole aligned page swaps the reference.
        assertEquals(Status.SUCCESS, DataMover.toHost(media, 3L * PAGE, segs(4L * PAGE, PAGE), m.dma()));
        assertEquals(data[PAGE - 512], (byte) m.read8(4L * PAGE));
        // Unaligned media offset with one page-sized segment: copied, not swapped.
        assertEquals(Status.SUCCESS, DataMover.toHost(media, 2L * PAGE + 513, segs(5L * PAGE, PAGE), m.dma()));
        assertEquals(data[1], (byte) m.read8(5L * PAGE));
        assertEquals(data[PAGE], (byte) m.read8(5L * PAGE + PAGE - 1));
        assertEquals(StatusCode.DATA_TRANSFER_ERROR.value(),
                DataMover.toHost(media, 0, segs(0, 8, 8L * PAGE - 4, 8), m.dma()));
        assertEquals(StatusCode.DATA_TRANSFER_ERROR.value(),
                DataMover.toHost(media, 0, segs(8L * PAGE, PAGE), m.dma()), "an aligned page past the end");

        // Write: host → media, two segments, the second one aligned and whole.
        byte[] out = pattern(PAGE + 200, 8);
        m.write(6L * PAGE - 200, out, 0, out.length);
        assertEquals(Status.SUCCESS,
                DataMover.fromHost(m.dma(), segs(6L * PAGE - 200, 200, 6L * PAGE, PAGE), media, 9L * PAGE - 200));
        byte[] stored = new byte[out.length];
        media.read(9L * PAGE - 200, stored, 0, stored.length);
        assertArrayEquals(out, stored);
        byte[] before = new byte[4];
        media.read(9L * PAGE - 204, before, 0, 4);
        assertArrayEquals(new byte[4], before, "nothing written before the range");
        assertEquals(StatusCode.DATA_TRANSFER_ERROR.value(),
                DataMover.fromHost(m.dma(), segs(0, 8, 8L * PAGE, 8), media, 0));
        byte[] untouched = new byte[8];
        media.read(0, untouched, 0, 8);
        assertArrayEquals(new byte[8], untouched, "a failed Write stores nothing, not even its valid first segment");
    }

    @Test
    void structuresArePaddedWithZerosToTheEndOfTheSegments() {
        HostMemory m = new HostMemory(4 * PAGE);
        byte[] ones = new byte[4 * PAGE];
        java.util.Arrays.fill(ones, (byte) 0xee);
        m.write(0, ones, 0, ones.length);
        byte[] data = pattern(100, 1);
        // 30 bytes from offset 10 of data into two segments of 16 and 64 bytes.
        assertEquals(Status.SUCCESS, DataMover.structureToHost(data, 10, 30, segs(PAGE, 16, 2L * PAGE, 64), m.dma()));
        for (int i = 0; i < 16; i++) {
            assertEquals(data[10 + i], (byte) m.read8(PAGE + i), "segment 0 byte " + i);
        }
        assertEquals(0xee, m.read8(PAGE + 16));
        for (int i = 0; i < 14; i++) {
            assertEquals(data[26 + i], (byte) m.read8(2L * PAGE + i), "segment 1 byte " + i);
        }
        for (int i = 14; i < 64; i++) {
            assertEquals(0, m.read8(2L * PAGE + i), "padding byte " + i);
        }
        assertEquals(0xee, m.read8(2L * PAGE + 64));
        assertEquals(0xee, m.read8(2L * PAGE - 1));
        assertEquals(StatusCode.DATA_TRANSFER_ERROR.value(),
                DataMover.structureToHost(data, 0, 8, segs(4L * PAGE - 4, 8), m.dma()));
        assertEquals(StatusCode.DATA_TRANSFER_ERROR.value(),
                DataMover.structureToHost(data, 0, 4, segs(4L * PAGE - 4, 8), m.dma()), "the padding is outside");

        byte[] in = new byte[40];
        m.write(3L * PAGE, pattern(64, 2), 0, 64);
        assertEquals(Status.SUCCESS, DataMover.structureFromHost(m.dma(), segs(3L * PAGE, 16, 3L * PAGE + 32, 32),
                in, 40));
        byte[] src = pattern(64, 2);
        for (int i = 0; i < 16; i++) {
            assertEquals(src[i], in[i]);
        }
        for (int i = 0; i < 24; i++) {
            assertEquals(src[32 + i], in[16 + i], "second segment byte " + i);
        }
        assertEquals(StatusCode.DATA_TRANSFER_ERROR.value(),
                DataMover.structureFromHost(m.dma(), segs(4L * PAGE - 4, 16), in, 16));
        assertEquals(Status.SUCCESS, DataMover.structureFromHost(m.dma(), segs(0, 16, 4L * PAGE, 16), in, 16),
                "segments past the length are not read");
    }
}
