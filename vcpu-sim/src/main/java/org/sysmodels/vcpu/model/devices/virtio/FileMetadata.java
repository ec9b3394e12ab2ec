package org.sysmodels.vcpu.model.devices.virtio;

/**
 * The fields of a backing file's {@code stat} that Firecracker builds a block device's id from ({@code st_dev},
 * {@code st_rdev}, {@code st_ino}; {@code devices/virtio/block/virtio/device.rs} {@code build_device_id}). The values
 * are the kernel's unsigned 64-bit numbers, held in Java's signed longs.
 */
public record FileMetadata(long dev, long rdev, long ino) {
}
