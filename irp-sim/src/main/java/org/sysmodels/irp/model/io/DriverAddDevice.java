package org.sysmodels.irp.model.io;

/** DRIVER_ADD_DEVICE: creates this driver's device object for a new device and attaches it to the device's stack. */
@FunctionalInterface
public interface DriverAddDevice {
    int addDevice(DriverObject DriverObject, DeviceObject PhysicalDeviceObject);
}
