package org.sysmodels.irp.model.io;

/**
 * DEVICE_OBJECT: one driver's presence in one device stack. StackSize is how many stack locations an IRP sent to
 * this device needs (IoAttachDeviceToDeviceStack sets it to the lower device's plus one); AttachedDevice is the device
 * above. The device extension is the driver's own per-device state.
 */
public final class DeviceObject {

    public static final int DO_BUFFERED_IO = 0x00000004;
    public static final int DO_DIRECT_IO = 0x00000010;
    public static final int DO_DEVICE_INITIALIZING = 0x00000080;
    public static final int DO_POWER_PAGABLE = 0x00002000;

    public final DriverObject DriverObject;
    public Object DeviceExtension;
    public int Flags;
    public final int DeviceType;

    private final String name;
    private final long address;
    int stackSize = 1;
    DeviceObject attachedDevice;
    DeviceObject attachedTo;
    boolean deleted;

    DeviceObject(DriverObject driver, String name, long address, int deviceType, Object extension) {
        this.DriverObject = driver;
        this.name = name;
        this.address = address;
        this.DeviceType = deviceType;
        this.DeviceExtension = extension;
        this.Flags = DO_DEVICE_INITIALIZING;
    }

    /** "\Device\RamDisk0", or "" for an unnamed device object (filters are usually unnamed). */
    public String name() {
        return name;
    }

    /** The name, or the driver's name and this object's address for an unnamed object. */
    public String displayName() {
        return name.isEmpty() ? DriverObject.DriverName + " device " + String.format("0x%x", address) : name;
    }

    public long address() {
        return address;
    }

    public int StackSize() {
        return stackSize;
    }

    /** The device attached above this one, or null at the top of the stack. */
    public DeviceObject AttachedDevice() {
        return attachedDevice;
    }

    /** The device this one attached to (what IoAttachDeviceToDeviceStack returned), or null for a PDO. */
    public DeviceObject attachedTo() {
        return attachedTo;
    }

    public boolean deleted() {
        return deleted;
    }

    @Override
    public String toString() {
        return displayName();
    }
}
