package org.sysmodels.vcpu.model.devices.virtio;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The backing disk and what the device derives from it when the disk is opened, as Firecracker's
 * {@code DiskProperties} ({@code devices/virtio/block/virtio/device.rs}) holds them: the image, its size in sectors
 * and the id that GET_ID answers. A new backing file (PATCH /drives) is a new {@code DiskProperties}, as
 * {@code DiskProperties::update} rebuilds the id from the new file.
 */
final class DiskProperties {

    private final DiskImage image;
    private final byte[] imageId;

    private DiskProperties(DiskImage image, byte[] imageId) {
        this.image = image;
        this.imageId = imageId;
    }

    static DiskProperties of(DiskImage image) {
        return new DiskProperties(image, imageId(image.metadata()));
    }

    /**
     * The GET_ID answer for a file with {@code metadata}: the decimal {@code st_dev}, {@code st_rdev} and
     * {@code st_ino} written one after the other with no separator ("how kvmtool does it"), cut to
     * {@link Block#ID_BYTES} bytes, the rest zero ({@code build_device_id} and {@code build_disk_image_id}). Without
     * metadata it is all zeros, the default Firecracker falls back to when {@code fstat} fails.
     */
    static byte[] imageId(Optional<FileMetadata> metadata) {
        byte[] id = new byte[Block.ID_BYTES];
        metadata.ifPresent(m -> {
            byte[] digits = (Long.toUnsignedString(m.dev()) + Long.toUnsignedString(m.rdev())
                    + Long.toUnsignedString(m.ino())).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(digits, 0, id, 0, Math.min(digits.length, Block.ID_BYTES));
        });
        return id;
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
