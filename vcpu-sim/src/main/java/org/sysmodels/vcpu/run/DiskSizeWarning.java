package org.sysmodels.vcpu.run;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.devices.virtio.DiskImage;

/**
 * Firecracker's warning for a backing file that is not a whole number of 512-byte sectors: the device reports the
 * capacity in whole sectors, so the tail is not visible to the guest, and a file under 512 bytes is a disk of no
 * sectors at all ({@code src/vmm/src/devices/virtio/block/virtio/device.rs}, {@code DiskProperties::file_size}).
 * The drive is attached all the same. A disk of no sectors gets a note of the simulator's own (Firecracker says
 * nothing): every read and write the guest asks of it is refused, as {@code Request::parse} ({@code request.rs})
 * finds its end past the capacity ({@code InvalidOffset}); an empty file and a character device such as
 * {@code /dev/null} or {@code /dev/zero}, whose end a seek finds at byte 0, are such disks.
 */
final class DiskSizeWarning {

    private DiskSizeWarning() {
    }

    static List<String> of(DiskImage disk) {
        List<String> lines = new ArrayList<>();
        long size = disk.sizeBytes();
        if (size % Block.SECTOR_SIZE != 0) {
            lines.add("warning: " + disk.path() + ": Disk size " + size + " is not a multiple of sector size "
                    + Block.SECTOR_SIZE + "; the remainder will not be visible to the guest.");
        }
        if (size < Block.SECTOR_SIZE) {
            lines.add("note: " + disk.path() + " is a disk of no sectors (its end is at byte " + size + "; a device "
                    + "such as /dev/null or /dev/zero ends at 0): Firecracker attaches it, and refuses every read "
                    + "and write the guest asks of it");
        }
        return lines;
    }
}
