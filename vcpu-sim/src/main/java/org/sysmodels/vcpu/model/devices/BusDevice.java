package org.sysmodels.vcpu.model.devices;

/**
 * A device on the MMIO bus (Firecracker's {@code BusDevice}): the VMM hands it the guest's access, as an offset into
 * the device's range and up to 8 bytes of data (little-endian in a long). A read's data starts zero-filled (vcpu.rs
 * fills the buffer with zeros before the bus read), so a device that ignores an offset returns 0.
 */
public interface BusDevice {

    /** A guest read of {@code len} bytes at {@code offset}; the result's low {@code len} bytes are used. */
    long read(long offset, int len);

    /** A guest write of the low {@code len} bytes of {@code value} at {@code offset}. */
    void write(long offset, int len, long value);

    /** A short name for traces and logs ("serial", "virtio-blk rootfs"). */
    String name();
}
