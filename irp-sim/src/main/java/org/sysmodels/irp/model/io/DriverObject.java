package org.sysmodels.irp.model.io;

import java.util.ArrayList;
import java.util.List;

/**
 * DRIVER_OBJECT: one per loaded driver. DriverEntry fills {@link #MajorFunction} (the dispatch table IoCallDriver
 * indexes with the stack location's major function), {@code DriverExtension.AddDevice} and {@link #DriverUnload}.
 * Entries left empty fail the request with STATUS_INVALID_DEVICE_REQUEST, as the I/O manager's
 * IopInvalidDeviceRequest does.
 */
public final class DriverObject {

    /** DRIVER_EXTENSION: where DriverEntry puts AddDevice. */
    public static final class Extension {
        public DriverAddDevice AddDevice;
    }

    /** "\Driver\RamDisk". */
    public final String DriverName;
    public final DriverDispatch[] MajorFunction = new DriverDispatch[IrpMajor.IRP_MJ_MAXIMUM_FUNCTION + 1];
    public final Extension DriverExtension = new Extension();
    public DriverUnload DriverUnload;

    private final long address;
    private final List<DeviceObject> devices = new ArrayList<>();
    private final Object implementation;

    DriverObject(String name, long address, Object implementation) {
        this.DriverName = name;
        this.address = address;
        this.implementation = implementation;
    }

    /** The simulated kernel address of this object. */
    public long address() {
        return address;
    }

    /** The driver's device objects, oldest first (DriverObject->DeviceObject is a list). */
    public List<DeviceObject> DeviceObject() {
        return List.copyOf(devices);
    }

    /** The Java object that implements the driver (its class is what a student wrote). */
    public Object implementation() {
        return implementation;
    }

    void addDevice(DeviceObject d) {
        devices.add(d);
    }

    void removeDevice(DeviceObject d) {
        devices.remove(d);
    }

    @Override
    public String toString() {
        return DriverName;
    }
}
