package org.sysmodels.vcpu.run;

import java.util.Optional;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.devices.virtio.DiskImage;

/**
 * Firecracker's warning for a backing file that is not a whole number of 512-byte sectors: the device reports the
 * capacity in whole sectors, so the tail is not visible to the guest, and a file under 512 bytes is a disk of no
 * sectors at all ({@code src/vmm/src/devices/virtio/block/virtio/device.rs}, {@code DiskProperties::file_size}).
 * The drive is attached all the same.
 */
final class DiskSizeWarning {

    private DiskSizeWarning() {
    }

    static Optional<String> of(DiskImage disk) {
        long size = disk.sizeBytes();
        if (size % Block.SECTOR_SIZE == 0) {
            return Optional.empty();
        }
        return Optional.of("warning: " + disk.path() + ": Disk size " + size + " is not a multiple of sector size "
                + Block.SECTOR_SIZE + "; the remainder will not be visible to the guest.");
    }
}
