package org.sysmodels.vcpu.model.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sysmodels.vcpu.model.devices.ratelimit.RateLimiter;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.devices.virtio.MemoryDisk;
import org.sysmodels.vcpu.model.devices.virtio.VirtioMmio;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.os.TimerFd;

/**
 * A running virtio-blk device given a new backing file (PATCH /drives after start, Firecracker's
 * {@code update_disk_image}): a driver that brought the device up through its registers reads the new capacity from
 * the configuration space after the configuration-change interrupt, and its next read returns the new file's bytes,
 * beyond the old end included.
 */
class BlockDiskUpdateTest {

    static final long RAM = GuestMemory.DRAM_START;
    static final long DESC = RAM + 0x1000;
    static final long AVAIL = RAM + 0x2000;
    static final long USED = RAM + 0x3000;
    static final long HEADER = RAM + 0x4000;
    static final long DATA = RAM + 0x5000;
    static final long STATUS = RAM + 0x6000;
    static final int QSIZE = 8;

    final GuestMemory mem = new GuestMemory(1 << 20);
    final AtomicInteger irqs = new AtomicInteger();
    final long[] now = {0};
    final Block block = new Block("rootfs", mem, disk("first disk", 2), RateLimiter.unlimited(timer(),
            () -> now[0]), Block.Engine.SYNC, 0, timer(), () -> now[0], false);
    final VirtioMmio transport = new VirtioMmio(block, mem, irqs::incrementAndGet);
    int availIdx;

    @Test
    void theGuestSeesTheNewFilesCapacityAndContents() {
        block.attach(transport);
        bringUp();
        assertEquals(2, transport.read(0x100, 4), "capacity in sectors before");
        assertEquals("first disk", readSector(0));
        int before = irqs.get();

        block.updateDiskImage(disk("second disk", 8));

        assertEquals(before + 1, irqs.get(), "the device raised its interrupt");
        assertEquals(VirtioMmio.INT_CONFIG, transport.read(0x60, 4) & VirtioMmio.INT_CONFIG,
                "InterruptStatus says the configuration changed");
        assertEquals(8, transport.read(0x100, 4), "capacity in sectors after");
        assertEquals("second disk", readSector(0));
        assertEquals("second disk", readSector(7), "a sector past the old end");
    }

    @Test
    void aDeviceTheDriverHasNotActivatedTakesTheFileWithoutAnInterrupt() {
        block.attach(transport);
        block.updateDiskImage(disk("second disk", 8));
        assertEquals(0, irqs.get());
        assertEquals(8, transport.read(0x100, 4));
    }

    static MemoryDisk disk(String text, int sectors) {
        byte[] b = new byte[sectors * Block.SECTOR_SIZE];
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        for (int s = 0; s < sectors; s++) {
            System.arraycopy(t, 0, b, s * Block.SECTOR_SIZE, t.length);
        }
        return new MemoryDisk(b, false);
    }

    /** The driver's side of virtio 1.2 §3.1.1, as the blk guest does it. */
    void bringUp() {
        transport.write(0x70, 4, VirtioMmio.STATUS_ACKNOWLEDGE);
        transport.write(0x70, 4, VirtioMmio.STATUS_ACKNOWLEDGE | VirtioMmio.STATUS_DRIVER);
        transport.write(0x24, 4, 1);
        transport.write(0x20, 4, 1);
        int features = VirtioMmio.STATUS_ACKNOWLEDGE | VirtioMmio.STATUS_DRIVER | VirtioMmio.STATUS_FEATURES_OK;
        transport.write(0x70, 4, features);
        transport.write(0x30, 4, 0);
        transport.write(0x38, 4, QSIZE);
        transport.write(0x80, 4, DESC);
        transport.write(0x84, 4, DESC >>> 32);
        transport.write(0x90, 4, AVAIL);
        transport.write(0x94, 4, AVAIL >>> 32);
        transport.write(0xa0, 4, USED);
        transport.write(0xa4, 4, USED >>> 32);
        transport.write(0x44, 4, 1);
        transport.write(0x70, 4, features | VirtioMmio.STATUS_DRIVER_OK);
        assertTrue(block.isActivated(), transport.lastWarning());
    }

    /** An IN request for one sector: header, data, status; the queue's eventfd fires; the text read. */
    String readSector(long sector) {
        mem.write(HEADER, 4, Block.T_IN);
        mem.write(HEADER + 8, 8, sector);
        descriptor(0, HEADER, 16, 1, 1);
        descriptor(1, DATA, Block.SECTOR_SIZE, 1 | 2, 2);
        descriptor(2, STATUS, 1, 2, 0);
        mem.write(STATUS, 1, 0xff);
        mem.write(AVAIL + 4 + 2L * (availIdx % QSIZE), 2, 0);
        availIdx++;
        mem.write(AVAIL + 2, 2, availIdx);
        block.processQueueEvent();
        assertEquals(Block.S_OK, mem.read(STATUS, 1), "request status");
        return mem.readCString(DATA, Block.SECTOR_SIZE);
    }

    void descriptor(int i, long addr, int len, int flags, int next) {
        mem.write(DESC + 16L * i, 8, addr);
        mem.write(DESC + 16L * i + 8, 4, len);
        mem.write(DESC + 16L * i + 12, 2, flags);
        mem.write(DESC + 16L * i + 14, 2, next);
    }

    static TimerFd timer() {
        return new TimerFd() {
            long count;

            @Override
            public void arm(long ns) {
            }

            @Override
            public void write(long n) {
                count += n;
            }

            @Override
            public long read() {
                long c = count;
                count = 0;
                return c;
            }

            @Override
            public String name() {
                return "test timer";
            }
        };
    }
}
