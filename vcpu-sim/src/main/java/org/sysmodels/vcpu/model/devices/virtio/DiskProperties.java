package org.sysmodels.vcpu.model.devices.virtio;

import java.nio.charset.StandardCharsets;

/**
 * The backing disk and what the device derives from it when the disk is opened, as Firecracker's
 * {@code DiskProperties} ({@code devices/virtio/block/virtio/device.rs}) holds them: the image, its size in sectors
 * and the id that GET_ID answers.
 */
final class DiskProperties {

    private final DiskImage image;
    private final byte[] imageId;

    private DiskProperties(DiskImage image, byte[] imageId) {
        this.image = image;
        this.imageId = imageId;
    }

    static DiskProperties of(DiskImage image, String driveId) {
        byte[] id = new byte[Block.ID_BYTES];
        byte[] name = driveId.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, id, 0, Math.min(name.length, Block.ID_BYTES));
        return new DiskProperties(image, id);
    }

    DiskImage image() {
        return image;
    }

    long sectors() {
        return image.sizeBytes() >> Block.SECTOR_SHIFT;
    }

    /** The {@link Block#ID_BYTES} bytes GET_ID writes (not a copy: read only). */
    byte[] imageId() {
        return imageId;
    }
}
