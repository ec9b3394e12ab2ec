package org.sysmodels.irp.model.io;

/** DRIVER_UNLOAD: called at PASSIVE_LEVEL after the driver's last device object is gone. */
@FunctionalInterface
public interface DriverUnload {
    void unload(DriverObject DriverObject);
}
