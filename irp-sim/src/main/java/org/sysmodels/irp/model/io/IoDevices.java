package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.ke.DeferredRoutine;
import org.sysmodels.irp.model.ke.KInterrupt;
import org.sysmodels.irp.model.ke.Kdpc;
import org.sysmodels.irp.model.ke.ServiceRoutine;

/**
 * The I/O manager's objects side: driver objects (their dispatch tables filled with the invalid-request routine, then
 * DriverEntry and AddDevice run in frames of their own), device objects (created, attached into a device stack,
 * detached, deleted) and the kernel objects a driver makes for a device (its DPC, interrupt and work items).
 *
 * <p>Sources: ReactOS ntoskrnl/io/iomgr/driver.c (IopInitializeDriverModule, IopInvalidDeviceRequest), device.c
 * (IoCreateDevice, IoAttachDeviceToDeviceStack, IoGetAttachedDevice, IoDetachDevice, IoDeleteDevice), iowork.c
 * (IoAllocateWorkItem, IoQueueWorkItem), and the WDK reference page of each function.
 */
public final class IoDevices {

    private final Kernel kernel;
    private final DriverDispatch invalidDeviceRequest;

    IoDevices(Kernel kernel, DriverDispatch invalidDeviceRequest) {
        this.kernel = kernel;
        this.invalidDeviceRequest = invalidDeviceRequest;
    }

    /** A driver object with every dispatch entry set to the invalid-request routine (IopInvalidDeviceRequest). */
    public DriverObject createDriverObject(String name, Object implementation) {
        DriverObject d = new DriverObject(name, kernel.addresses().newDriver(), implementation);
        kernel.faults.driverLoaded(implementation);
        for (int i = 0; i < d.MajorFunction.length; i++) {
            d.MajorFunction[i] = invalidDeviceRequest;
        }
        return d;
    }

    /**
     * Runs DriverEntry at PASSIVE_LEVEL in a frame of its own; when it succeeds, clears DO_DEVICE_INITIALIZING on the
     * device objects it created, as the I/O manager does for those (Microsoft, "What does DO_DEVICE_INITIALIZING really
     * do?"): only a device object made elsewhere (AddDevice) is its driver's to clear.
     */
    public int callDriverEntry(DriverObject driver, DriverInitialize entry) {
        RoutineFrame f = kernel.currentFrames.enter(RoutineKind.DRIVER_ENTRY, driver, null, null, entry, 0,
                kernel.observed);
        kernel.observer().onRoutineEnter(f);
        int status = entry.DriverEntry(driver, "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\"
                + driver.DriverName.substring(driver.DriverName.lastIndexOf('\\') + 1));
        kernel.checkHalted();
        // A NULL dispatch entry left by DriverEntry is set back to IopInvalidDeviceRequest ("Windows does this
        // fixup", ReactOS ntoskrnl/io/iomgr/driver.c IopInitializeDriverModule); one written later is called as NULL.
        for (int i = 0; i < driver.MajorFunction.length; i++) {
            if (driver.MajorFunction[i] == null) {
                driver.MajorFunction[i] = invalidDeviceRequest;
            }
        }
        if (NtStatus.isSuccess(status)) {
            for (DeviceObject d : driver.DeviceObject()) {
                d.Flags &= ~DeviceObject.DO_DEVICE_INITIALIZING;
            }
        }
        kernel.observer().onRoutineExit(f, status);
        kernel.currentFrames.exit(f);
        return status;
    }

    /** Calls the driver's AddDevice for {@code pdo} at PASSIVE_LEVEL. */
    public int callAddDevice(DriverObject driver, DeviceObject pdo) {
        DriverAddDevice add = driver.DriverExtension.AddDevice;
        if (add == null) {
            return NtStatus.STATUS_SUCCESS;
        }
        RoutineFrame f = kernel.currentFrames.enter(RoutineKind.ADD_DEVICE, driver, pdo, null, add, 0, kernel.observed);
        kernel.observer().onRoutineEnter(f);
        int status = add.addDevice(driver, pdo);
        kernel.checkHalted();
        kernel.observer().onRoutineExit(f, status);
        kernel.currentFrames.exit(f);
        return status;
    }

    /** IoCreateDevice: a device object of {@code driver}, flagged DO_DEVICE_INITIALIZING, StackSize 1. */
    public DeviceObject IoCreateDevice(DriverObject driver, Object extension, String name, int deviceType) {
        DeviceObject d = new DeviceObject(driver, name == null ? "" : name, kernel.addresses().newDevice(), deviceType,
                extension);
        driver.addDevice(d);
        return d;
    }

    /**
     * IoAttachDeviceToDeviceStack: attaches {@code source} on top of the stack {@code target} is in and returns the
     * device it attached to (the old top), whose driver it sends IRPs to. StackSize becomes the old top's plus one.
     * Returns NULL and attaches nothing when the old top is still DO_DEVICE_INITIALIZING (its driver's AddDevice did
     * not clear the flag) or deleted: "the top device object is checked for this flag" (Microsoft, "What does
     * DO_DEVICE_INITIALIZING really do?"; ReactOS ntoskrnl/io/iomgr/device.c IopAttachDeviceToDeviceStackSafe).
     * A device already attached is refused: Windows does not check, and attaching it again on top of itself makes the
     * stack a loop that the next IoGetAttachedDevice walks forever.
     */
    public DeviceObject IoAttachDeviceToDeviceStack(DeviceObject source, DeviceObject target) {
        if (source.attachedTo != null) {
            throw new IllegalArgumentException("IoAttachDeviceToDeviceStack: " + source.displayName()
                    + " is attached already (to " + source.attachedTo.displayName() + "); attach each device object "
                    + "once: a second attach puts it on top of itself and the stack becomes a loop that "
                    + "IoGetAttachedDevice walks forever");
        }
        DeviceObject top = IoGetAttachedDevice(target);
        if ((top.Flags & DeviceObject.DO_DEVICE_INITIALIZING) != 0 || top.deleted) {
            return null;
        }
        top.attachedDevice = source;
        source.attachedTo = top;
        source.stackSize = top.stackSize + 1;
        return top;
    }

    /** IoGetAttachedDevice: the top of the stack {@code device} is in. */
    public DeviceObject IoGetAttachedDevice(DeviceObject device) {
        DeviceObject d = device;
        while (d.attachedDevice != null) {
            d = d.attachedDevice;
        }
        return d;
    }

    /** IoDetachDevice: detaches whatever is attached above {@code target}. */
    public void IoDetachDevice(DeviceObject target) {
        DeviceObject above = target.attachedDevice;
        if (above != null) {
            above.attachedTo = null;
            target.attachedDevice = null;
        }
    }

    /** IoDeleteDevice. */
    public void IoDeleteDevice(DeviceObject device) {
        device.deleted = true;
        device.DriverObject.removeDevice(device);
    }

    // ------------------------------------------------------------------ DPCs, interrupts, work items

    /** KeInitializeDpc, remembering the device object of the driver that creates it (for frames and reports). */
    public Kdpc KeInitializeDpc(String name, DeferredRoutine routine, Object context) {
        Kdpc dpc = new Kdpc(name, routine, context);
        RoutineFrame f = kernel.frame();
        dpc.setOwner(f == null ? null : f.device);
        return dpc;
    }

    /** A DPC owned by {@code device} (IoInitializeDpcRequest's DpcForIsr). */
    public Kdpc IoInitializeDpcRequest(DeviceObject device, DeferredRoutine routine) {
        Kdpc dpc = new Kdpc(device.displayName() + " DpcForIsr", routine, device);
        dpc.setOwner(device);
        return dpc;
    }

    /** IoConnectInterrupt: an interrupt object whose ISR runs at {@code irql} for {@code device}. */
    public KInterrupt IoConnectInterrupt(DeviceObject device, ServiceRoutine routine, Object context, int irql) {
        KInterrupt i = new KInterrupt(device.displayName() + " interrupt", routine, context, irql);
        i.setOwner(device);
        return i;
    }

    /** IoAllocateWorkItem. */
    public IoWorkItem IoAllocateWorkItem(DeviceObject device) {
        return new IoWorkItem(kernel, device);
    }

    /** IoQueueWorkItem: runs {@code routine} at PASSIVE_LEVEL in a system worker thread. */
    public void IoQueueWorkItem(IoWorkItem item, IoWorkItemRoutine routine, Object context) {
        item.queue(routine, context);
    }
}
