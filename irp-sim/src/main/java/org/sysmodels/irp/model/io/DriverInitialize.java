package org.sysmodels.irp.model.io;

/** DRIVER_INITIALIZE: DriverEntry, called once when the driver loads, at PASSIVE_LEVEL. */
@FunctionalInterface
public interface DriverInitialize {
    int DriverEntry(DriverObject DriverObject, String RegistryPath);
}
