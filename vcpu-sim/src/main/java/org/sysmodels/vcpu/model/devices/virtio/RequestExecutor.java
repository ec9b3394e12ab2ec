package org.sysmodels.vcpu.model.devices.virtio;

import static org.sysmodels.vcpu.model.devices.virtio.Block.ID_BYTES;
import static org.sysmodels.vcpu.model.devices.virtio.Block.SECTOR_SHIFT;
import static org.sysmodels.vcpu.model.devices.virtio.Block.SECTOR_SIZE;
import static org.sysmodels.vcpu.model.devices.virtio.Block.S_IOERR;
import static org.sysmodels.vcpu.model.devices.virtio.Block.S_OK;
import static org.sysmodels.vcpu.model.devices.virtio.Block.S_UNSUPP;

import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * Executes a parsed virtio-blk request against the backing disk and guest memory, as Firecracker's
 * {@code Request::execute} ({@code devices/virtio/block/virtio/request.rs}) does: IN reads the disk into the data
 * buffer, OUT writes the data buffer to the disk, FLUSH makes writes durable, GET_ID writes the disk's
 * {@link Block#ID_BYTES}-byte image id, any other type is {@code VIRTIO_BLK_S_UNSUPP} (virtio 1.2 §5.2.6.1). The
 * status byte and the used ring are the device's.
 */
final class RequestExecutor {

    /** What a request did: its status byte and how many bytes it wrote to guest memory (before the status). */
    record Done(int status, int bytesToMem) {
    }

    private byte[] buffer = new byte[SECTOR_SIZE * 8];

    Done execute(Block.InFlight r, DiskProperties disk, GuestMemory mem) {
        return switch (r.type()) {
            case Block.T_IN -> {
                byte[] b = buffer(r.dataLen());
                if (!disk.image().read(r.sector() << SECTOR_SHIFT, b, 0, r.dataLen())) {
                    yield new Done(S_IOERR, 0);
                }
                mem.writeBytes(r.dataAddr(), b, 0, r.dataLen());
                yield new Done(S_OK, r.dataLen());
            }
            case Block.T_OUT -> {
                byte[] b = buffer(r.dataLen());
                mem.readBytes(r.dataAddr(), b, 0, r.dataLen());
                yield new Done(disk.image().write(r.sector() << SECTOR_SHIFT, b, 0, r.dataLen()) ? S_OK : S_IOERR,
                        0);
            }
            case Block.T_FLUSH -> new Done(disk.image().flush() ? S_OK : S_IOERR, 0);
            case Block.T_GET_ID -> {
                mem.writeBytes(r.dataAddr(), disk.imageId(), 0, ID_BYTES);
                yield new Done(S_OK, ID_BYTES);
            }
            default -> new Done(S_UNSUPP, 0);
        };
    }

    private byte[] buffer(int len) {
        if (buffer.length < len) {
            buffer = new byte[Math.max(len, buffer.length * 2)];
        }
        return buffer;
    }
}
