package org.sysmodels.vcpu.model.devices.virtio;

import static org.sysmodels.vcpu.model.devices.virtio.Block.ID_BYTES;
import static org.sysmodels.vcpu.model.devices.virtio.Block.SECTOR_SHIFT;
import static org.sysmodels.vcpu.model.devices.virtio.Block.SECTOR_SIZE;
import static org.sysmodels.vcpu.model.devices.virtio.Block.T_FLUSH;
import static org.sysmodels.vcpu.model.devices.virtio.Block.T_GET_ID;
import static org.sysmodels.vcpu.model.devices.virtio.Block.T_IN;
import static org.sysmodels.vcpu.model.devices.virtio.Block.T_OUT;

import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * Parses a virtio-blk request from its descriptor chain, as Firecracker's {@code Request::parse}
 * ({@code devices/virtio/block/virtio/request.rs}) does: a device-readable header (type, sector) that chains on, a
 * data descriptor (device-writable for IN and GET_ID, readable for OUT; none for FLUSH), a device-writable status
 * descriptor of at least one byte, every address in RAM, and for IN/OUT a whole number of sectors within the disk
 * (virtio 1.2 §5.2.6). Anything else is a malformed chain.
 */
final class BlockRequest {

    private BlockRequest() {
    }

    /**
     * The request whose chain starts at {@code head}, not yet executed ({@code completeAt} 0), or null if the chain
     * is malformed; {@code sectors} is the disk's size in sectors.
     */
    static Block.InFlight parse(Virtqueue queue, GuestMemory mem, int head, long sectors) {
        // Parse: header (device-readable), then data, then status (device-writable), as request.rs parse().
        int flags = queue.descFlags(mem, head);
        long headerAddr = queue.descAddr(mem, head);
        if ((flags & Virtqueue.DESC_F_WRITE) != 0 || (flags & Virtqueue.DESC_F_NEXT) == 0
                || !mem.contains(headerAddr, 16)) {
            return null;
        }
        int type = (int) mem.read(headerAddr, 4);
        long sector = mem.read(headerAddr + 8, 8);
        int d = queue.descNext(mem, head) & 0xFFFF;
        if (d >= queue.size) {
            return null;
        }
        long dataAddr = 0;
        int dataLen = 0;
        int statusDesc;
        if ((queue.descFlags(mem, d) & Virtqueue.DESC_F_NEXT) == 0) {
            statusDesc = d;
            if (type != T_FLUSH) {
                return null;
            }
        } else {
            int dataFlags = queue.descFlags(mem, d);
            boolean deviceWrites = (dataFlags & Virtqueue.DESC_F_WRITE) != 0;
            if ((deviceWrites && type == T_OUT) || (!deviceWrites && (type == T_IN || type == T_GET_ID))) {
                return null;
            }
            dataAddr = queue.descAddr(mem, d);
            dataLen = queue.descLen(mem, d);
            statusDesc = queue.descNext(mem, d) & 0xFFFF;
            if (statusDesc >= queue.size || !mem.contains(dataAddr, dataLen & 0xFFFF_FFFFL)) {
                return null;
            }
        }
        if (type == T_IN || type == T_OUT) {
            long top = sector + ((dataLen & 0xFFFF_FFFFL) >>> SECTOR_SHIFT);
            if (dataLen % SECTOR_SIZE != 0 || sector < 0 || top > sectors) {
                return null;
            }
        } else if (type == T_GET_ID && dataLen < ID_BYTES) {
            return null;
        }
        if ((queue.descFlags(mem, statusDesc) & Virtqueue.DESC_F_WRITE) == 0 || queue.descLen(mem, statusDesc) < 1) {
            return null;
        }
        long statusAddr = queue.descAddr(mem, statusDesc);
        if (!mem.contains(statusAddr, 1)) {
            return null;
        }
        return new Block.InFlight(head, type, sector, dataAddr, dataLen, statusAddr, 0);
    }
}
