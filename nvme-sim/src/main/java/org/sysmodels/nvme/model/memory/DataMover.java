package org.sysmodels.nvme.model.memory;

import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * Moves a command's data between a namespace's media and host memory along the PRP segments. A piece that covers a
 * whole, aligned host frame and a whole namespace chunk moves as a shared reference; anything else is copied byte by
 * byte. Either way the host sees exactly the bytes a copy would give (see {@link Blocks}).
 */
public final class DataMover {

    private DataMover() {
    }

    /** Media → host (a Read). @return SUCCESS, or Data Transfer Error if a segment lies outside host memory */
    public static int toHost(BlockStore media, long offset, Segments segs, Dma dma) {
        if (segs.count() == 1 && segs.length(0) == Blocks.SIZE && (offset & (Blocks.SIZE - 1)) == 0
                && HostMemory.offset(segs.address(0)) == 0 && dma.inRange(segs.address(0), Blocks.SIZE)) {
            dma.putFrame(HostMemory.pfn(segs.address(0)), media.share(offset >>> Blocks.SHIFT));
            return Status.SUCCESS;
        }
        for (int s = 0; s < segs.count(); s++) {
            long a = segs.address(s);
            int len = segs.length(s);
            if (!dma.inRange(a, len)) {
                return StatusCode.DATA_TRANSFER_ERROR.value();
            }
            while (len > 0) {
                int hostIn = HostMemory.offset(a);
                int mediaIn = (int) (offset & (Blocks.SIZE - 1));
                int n = Math.min(len, Math.min(Blocks.SIZE - hostIn, Blocks.SIZE - mediaIn));
                if (n == Blocks.SIZE) {
                    dma.putFrame(HostMemory.pfn(a), media.share(offset >>> Blocks.SHIFT));
                } else {
                    dma.write(a, media.chunk(offset >>> Blocks.SHIFT), mediaIn, n);
                }
                a += n;
                offset += n;
                len -= n;
            }
        }
        return Status.SUCCESS;
    }

    /** Host → media (a Write). @return SUCCESS, or Data Transfer Error if a segment lies outside host memory */
    public static int fromHost(Dma dma, Segments segs, BlockStore media, long offset) {
        for (int s = 0; s < segs.count(); s++) {
            if (!dma.inRange(segs.address(s), segs.length(s))) {
                return StatusCode.DATA_TRANSFER_ERROR.value();
            }
        }
        for (int s = 0; s < segs.count(); s++) {
            long a = segs.address(s);
            int len = segs.length(s);
            while (len > 0) {
                int hostIn = HostMemory.offset(a);
                int mediaIn = (int) (offset & (Blocks.SIZE - 1));
                int n = Math.min(len, Math.min(Blocks.SIZE - hostIn, Blocks.SIZE - mediaIn));
                long chunk = offset >>> Blocks.SHIFT;
                if (n == Blocks.SIZE) {
                    media.put(chunk, dma.takeFrame(HostMemory.pfn(a)));
                } else {
                    dma.read(a, media.writable(chunk), mediaIn, n);
                }
                a += n;
                offset += n;
                len -= n;
            }
        }
        return Status.SUCCESS;
    }

    /**
     * Copies a controller-made structure (Identify data, a log page) to the host: {@code len} bytes of {@code data}
     * from {@code from}, then zeros up to the end of the segments.
     */
    public static int structureToHost(byte[] data, int from, int len, Segments segs, Dma dma) {
        long done = 0;
        for (int s = 0; s < segs.count(); s++) {
            long a = segs.address(s);
            int segLen = segs.length(s);
            int copy = (int) Math.max(0, Math.min(segLen, len - done));
            if (copy > 0 && !dma.write(a, data, (int) (from + done), copy)) {
                return StatusCode.DATA_TRANSFER_ERROR.value();
            }
            if (segLen > copy && !dma.zero(a + copy, segLen - copy)) {
                return StatusCode.DATA_TRANSFER_ERROR.value();
            }
            done += segLen;
        }
        return Status.SUCCESS;
    }

    /** Copies a host-made structure (DSM ranges) into the controller. */
    public static int structureFromHost(Dma dma, Segments segs, byte[] data, int len) {
        int done = 0;
        for (int s = 0; s < segs.count() && done < len; s++) {
            int n = (int) Math.min(segs.length(s), len - done);
            if (!dma.read(segs.address(s), data, done, n)) {
                return StatusCode.DATA_TRANSFER_ERROR.value();
            }
            done += n;
        }
        return Status.SUCCESS;
    }
}
