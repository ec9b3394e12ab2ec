package org.sysmodels.vcpu.model.memory;

import static org.sysmodels.vcpu.model.memory.GuestMemory.DRAM_START;
import static org.sysmodels.vcpu.model.memory.GuestMemory.PAGE_MASK;
import static org.sysmodels.vcpu.model.memory.GuestMemory.PAGE_SHIFT;

/**
 * A device's copies between guest RAM and its own buffers (virtio descriptors' data, Firecracker's
 * {@code GuestMemoryMmap::read_slice}/{@code write_slice} from vm-memory): an aligned 8 bytes at a time where it can,
 * else byte by byte. Writes go through {@link GuestMemory#write}, so they dirty pages and drop decoded code as the
 * guest's own stores do.
 */
final class Dma {

    private Dma() {
    }

    static void read(GuestMemory mem, long addr, byte[] dst, int dstOff, int len) {
        long[][] pages = mem.pages();
        int k = 0;
        while (k < len) {
            long a = addr + k;
            long off = a - DRAM_START;
            if ((off & 7) == 0 && len - k >= 8) {
                long[] p = pages[(int) (off >>> PAGE_SHIFT)];
                long v = p == null ? 0 : p[(int) (off & PAGE_MASK) >>> 3];
                for (int b = 0; b < 8; b++) {
                    dst[dstOff + k + b] = (byte) (v >>> (8 * b));
                }
                k += 8;
            } else {
                dst[dstOff + k] = (byte) mem.read(a, 1);
                k++;
            }
        }
    }

    static void write(GuestMemory mem, long addr, byte[] src, int srcOff, int len) {
        int k = 0;
        while (k < len) {
            long a = addr + k;
            long off = a - DRAM_START;
            if ((off & 7) == 0 && len - k >= 8) {
                long v = 0;
                for (int b = 0; b < 8; b++) {
                    v |= (src[srcOff + k + b] & 0xFFL) << (8 * b);
                }
                mem.write(a, 8, v);
                k += 8;
            } else {
                mem.write(a, 1, src[srcOff + k]);
                k++;
            }
        }
    }
}
