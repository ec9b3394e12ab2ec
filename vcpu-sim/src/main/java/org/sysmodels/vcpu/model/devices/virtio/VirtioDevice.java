package org.sysmodels.vcpu.model.devices.virtio;

import org.sysmodels.vcpu.model.memory.GuestMemory;

/** What the virtio-mmio transport needs of a device (Firecracker's {@code VirtioDevice} trait, cut down). */
public interface VirtioDevice {

    /** The virtio device id (2 = block). */
    int deviceType();

    /** The features the device offers (64 bits). */
    long availFeatures();

    /** The driver accepted {@code bits} of feature page {@code page} (0: bits 0-31, 1: 32-63). */
    void ackFeatures(int page, int bits);

    long ackedFeatures();

    /** A read of the device-specific configuration space. */
    long readConfig(long offset, int len);

    Virtqueue[] queues();

    /** DRIVER_OK: the device starts using its queues; false if they are not valid. */
    boolean activate(GuestMemory mem);

    boolean isActivated();

    /** Status written as 0 (virtio 1.2 §2.4): back to the initial state. @return false if the device cannot reset */
    boolean reset();

    /** A name for logs ("virtio-blk rootfs"). */
    String name();
}
