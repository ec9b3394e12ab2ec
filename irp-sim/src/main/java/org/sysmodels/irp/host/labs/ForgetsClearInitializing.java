package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.CountingFilter;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverObject;

/**
 * Creates and attaches its device object in AddDevice but never clears DO_DEVICE_INITIALIZING, a copy of a legacy
 * driver's DriverEntry code, where the I/O manager clears the flag itself.
 */
public class ForgetsClearInitializing extends CountingFilter {

    @Override
    protected int AddDevice(DriverObject driver, DeviceObject pdo) {
        DeviceObject fido = IoCreateDevice(driver, newExtension(), null, FILE_DEVICE_UNKNOWN);
        Extension ext = (Extension) fido.DeviceExtension;
        ext.lower = IoAttachDeviceToDeviceStack(fido, pdo);
        fido.Flags |= ext.lower.Flags & (DO_BUFFERED_IO | DO_DIRECT_IO | DO_POWER_PAGABLE);
        return STATUS_SUCCESS;
    }
}
