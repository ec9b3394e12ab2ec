package org.sysmodels.irp.host.drivers;

import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.wdm.WdmDriver;

/**
 * What every filter driver does (WDK "Filter Driver" sample shape): AddDevice creates an unnamed device object, copies
 * the I/O flags of the device below, attaches to the stack; every major function passes the IRP down untouched
 * (skip and call); IRP_MN_REMOVE_DEVICE is passed down, then the filter detaches and deletes its device object. A
 * subclass replaces the dispatch routines it cares about in {@link #filterEntry}.
 */
public abstract class FilterDriver extends WdmDriver {

    /** A filter's device extension: the device it sends IRPs to, and counts by major function. */
    public static class Extension {
        public DeviceObject lower;
        public final long[] seen = new long[IRP_MJ_MAXIMUM_FUNCTION + 1];
    }

    @Override
    public final int DriverEntry(DriverObject DriverObject, String RegistryPath) {
        for (int mj = 0; mj <= IRP_MJ_MAXIMUM_FUNCTION; mj++) {
            DriverObject.MajorFunction[mj] = this::PassThrough;
        }
        DriverObject.MajorFunction[IRP_MJ_PNP] = this::DispatchPnp;
        DriverObject.DriverExtension.AddDevice = this::AddDevice;
        filterEntry(DriverObject);
        return STATUS_SUCCESS;
    }

    /** Sets the filter's own dispatch routines. */
    protected abstract void filterEntry(DriverObject driver);

    /** The extension for a new device object (a subclass of {@link Extension} if the filter keeps more). */
    protected Extension newExtension() {
        return new Extension();
    }

    protected int AddDevice(DriverObject driver, DeviceObject pdo) {
        DeviceObject fido = IoCreateDevice(driver, newExtension(), null, FILE_DEVICE_UNKNOWN);
        Extension ext = (Extension) fido.DeviceExtension;
        ext.lower = IoAttachDeviceToDeviceStack(fido, pdo);
        if (ext.lower == null) {
            IoDeleteDevice(fido);
            return STATUS_NO_SUCH_DEVICE;
        }
        fido.Flags |= ext.lower.Flags & (DO_BUFFERED_IO | DO_DIRECT_IO | DO_POWER_PAGABLE);
        fido.Flags &= ~DO_DEVICE_INITIALIZING;
        return STATUS_SUCCESS;
    }

    protected static Extension ext(DeviceObject device) {
        return (Extension) device.DeviceExtension;
    }

    /** The device below this filter's device object. */
    protected static DeviceObject lower(DeviceObject device) {
        return ext(device).lower;
    }

    /** Skip and call: the lower driver gets this driver's stack location as it is. */
    protected int PassThrough(DeviceObject device, Irp irp) {
        ext(device).seen[IoGetCurrentIrpStackLocation(irp).MajorFunction]++;
        IoSkipCurrentIrpStackLocation(irp);
        return IoCallDriver(lower(device), irp);
    }

    protected int DispatchPnp(DeviceObject device, Irp irp) {
        Extension ext = ext(device);
        ext.seen[IRP_MJ_PNP]++;
        int minor = IoGetCurrentIrpStackLocation(irp).MinorFunction;
        IoSkipCurrentIrpStackLocation(irp);
        int status = IoCallDriver(ext.lower, irp);
        if (minor == IRP_MN_REMOVE_DEVICE) {
            IoDetachDevice(ext.lower);
            IoDeleteDevice(device);
        }
        return status;
    }
}
