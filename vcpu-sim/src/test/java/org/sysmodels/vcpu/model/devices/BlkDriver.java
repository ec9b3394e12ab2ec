package org.sysmodels.vcpu.model.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.sysmodels.vcpu.model.devices.ratelimit.RateLimiter;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.devices.virtio.DiskImage;
import org.sysmodels.vcpu.model.devices.virtio.MemoryDisk;
import org.sysmodels.vcpu.model.devices.virtio.VirtioMmio;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.os.TimerFd;

/**
 * A driver's side of one virtio-blk device behind its virtio-mmio registers, as the blk guest does it (virtio 1.2
 * §3.1.1, §5.2.6): brings the device up, puts one request on the queue, fires the queue's eventfd.
 */
final class BlkDriver {

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
    final Block block;
    final VirtioMmio transport;
    int availIdx;

    BlkDriver(String driveId, DiskImage disk) {
        block = new Block(driveId, mem, disk, RateLimiter.unlimited(timer(), () -> now[0]), Block.Engine.SYNC, 0,
                timer(), () -> now[0], false);
        transport = new VirtioMmio(block, mem, irqs::incrementAndGet);
        block.attach(transport);
    }

    static MemoryDisk disk(String text, int sectors) {
        byte[] b = new byte[sectors * Block.SECTOR_SIZE];
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        for (int s = 0; s < sectors; s++) {
            System.arraycopy(t, 0, b, s * Block.SECTOR_SIZE, t.length);
        }
        return new MemoryDisk(b, false);
    }

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

    /** An IN request for one sector: header, data, status; the text read. */
    String readSector(long sector) {
        request(Block.T_IN, sector, Block.SECTOR_SIZE);
        assertEquals(Block.S_OK, mem.read(STATUS, 1), "request status");
        return mem.readCString(DATA, Block.SECTOR_SIZE);
    }

    /**
     * One request with a device-writable data buffer of {@code dataLen} bytes (prefilled with 0xAA, so what the
     * device did not write shows); returns the length the device put in the used ring.
     */
    long request(int type, long sector, int dataLen) {
        mem.write(HEADER, 4, type);
        mem.write(HEADER + 8, 8, sector);
        for (int i = 0; i < dataLen; i++) {
            mem.write(DATA + i, 1, 0xAA);
        }
        descriptor(0, HEADER, 16, 1, 1);
        descriptor(1, DATA, dataLen, 1 | 2, 2);
        descriptor(2, STATUS, 1, 2, 0);
        mem.write(STATUS, 1, 0xff);
        int slot = availIdx % QSIZE;
        mem.write(AVAIL + 4 + 2L * slot, 2, 0);
        availIdx++;
        mem.write(AVAIL + 2, 2, availIdx);
        block.processQueueEvent();
        assertEquals(availIdx, mem.read(USED + 2, 2), "the request is on the used ring");
        return mem.read(USED + 4 + 8L * slot + 4, 4);
    }

    /** The bytes the device wrote at the data buffer. */
    byte[] data(int len) {
        byte[] b = new byte[len];
        mem.readBytes(DATA, b, 0, len);
        return b;
    }

    private void descriptor(int i, long addr, int len, int flags, int next) {
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
