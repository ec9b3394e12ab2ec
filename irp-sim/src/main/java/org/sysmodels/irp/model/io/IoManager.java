package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.ke.KEvent;
import org.sysmodels.irp.model.ke.KInterrupt;
import org.sysmodels.irp.model.ke.KThread;
import org.sysmodels.irp.model.ke.Kdpc;
import org.sysmodels.irp.model.ke.DeferredRoutine;
import org.sysmodels.irp.model.ke.ServiceRoutine;

/**
 * The I/O manager's functions for drivers, with their WDM names: sending an IRP down (IoCallDriver), the stack
 * location macros, completion routines, pending, allocating IRPs, device objects and stacks. Completion lives in
 * {@link IoCompletion} and cancellation in {@link IoCancel}; this class hands those calls on.
 *
 * <p>Sources: ReactOS ntoskrnl/io/iomgr/irp.c (IofCallDriver, IoAllocateIrp, IoMakeAssociatedIrp, IoReuseIrp,
 * IoBuildDeviceIoControlRequest, IoForwardIrpSynchronously), ntoskrnl/io/iomgr/device.c (IoAttachDeviceToDeviceStack),
 * wdm.h (IoSkipCurrentIrpStackLocation, IoCopyCurrentIrpStackLocationToNext, IoSetCompletionRoutine,
 * IoMarkIrpPending), and the WDK reference pages of each function.
 */
public final class IoManager {

    private final Kernel kernel;
    private final IrpLookaside lookaside = new IrpLookaside();
    private final IoCompletion completion;
    private final IoCancel cancel;
    private final DriverDispatch invalidDeviceRequest;

    IoManager(Kernel kernel) {
        this.kernel = kernel;
        this.completion = new IoCompletion(kernel, this);
        this.cancel = new IoCancel(kernel);
        this.invalidDeviceRequest = (device, irp) -> {
            irp.IoStatus.Status = NtStatus.STATUS_INVALID_DEVICE_REQUEST;
            irp.IoStatus.Information = 0;
            IoCompleteRequest(irp, 0);
            return NtStatus.STATUS_INVALID_DEVICE_REQUEST;
        };
    }

    public Kernel kernel() {
        return kernel;
    }

    public IrpLookaside lookaside() {
        return lookaside;
    }

    public IoCompletion completion() {
        return completion;
    }

    public IoCancel cancel() {
        return cancel;
    }

    // ------------------------------------------------------------------ sending an IRP down

    /**
     * IoCallDriver (IofCallDriver): moves CurrentLocation down one, makes that location the device's, and calls the
     * device's driver's dispatch routine for the location's major function. Running out of locations is bug check
     * NO_MORE_IRP_STACK_LOCATIONS (0x35, the IRP).
     */
    public int IoCallDriver(DeviceObject device, Irp irp) {
        Kernel k = kernel;
        boolean observed = k.observed;
        RoutineFrame caller = null;
        if (observed) {
            caller = k.frame();
            k.observer.onCallDriver(caller, device, irp);
            if (caller != null && caller.irp == irp) {
                caller.flags |= RoutineFrame.CALLED_DOWN;
            } else {
                caller = null;
            }
        }
        int loc = --irp.currentLocation;
        if (loc <= 0) {
            noMoreStackLocations(irp);
        }
        IoStackLocation sp = irp.stack[loc - 1];
        sp.deviceObject = device;
        DriverObject driver = device.DriverObject;
        DriverDispatch routine = driver.MajorFunction[sp.MajorFunction];
        if (routine == null) {
            routine = invalidDeviceRequest;
        }
        RoutineFrame f = k.enter(RoutineKind.DISPATCH, driver, device, irp, routine, k.dispatchCost);
        if (observed) {
            k.observer.onRoutineEnter(f);
        }
        int status = routine.dispatch(device, irp);
        if (k.isHalted()) {
            k.checkHalted();
        }
        if (observed) {
            k.observer.onRoutineExit(f, status);
            if (caller != null) {
                caller.lowerStatus = status;
            }
        }
        k.exit(f);
        return status;
    }

    private void noMoreStackLocations(Irp irp) {
        kernel.stop(new Stop.BugCheck(Stop.BugCheck.NO_MORE_IRP_STACK_LOCATIONS, irp.address, 0, 0, 0), false);
    }

    /** IoGetCurrentIrpStackLocation: the location of the driver the IRP was sent to. */
    public IoStackLocation IoGetCurrentIrpStackLocation(Irp irp) {
        int loc = irp.currentLocation;
        if (loc < 1 || loc > irp.stackCount) {
            noCurrentLocation(irp);
        }
        return irp.stack[loc - 1];
    }

    private static void noCurrentLocation(Irp irp) {
        throw new IllegalStateException("IoGetCurrentIrpStackLocation: " + irp.describe() + " has no current "
                + "location (CurrentLocation " + irp.currentLocation + ", StackCount " + irp.stackCount + "): only "
                + "a driver the IRP was sent to, before it completes the IRP, has one");
    }

    /** IoGetNextIrpStackLocation: the location the next-lower driver will get. */
    public IoStackLocation IoGetNextIrpStackLocation(Irp irp) {
        int loc = irp.currentLocation - 1;
        if (loc < 1 || loc > irp.stackCount) {
            noNextLocation(irp);
        }
        return irp.stack[loc - 1];
    }

    /**
     * The lowest driver has no next location: in C the pointer lands in the IRP's own header and the write corrupts
     * it; the simulator stops at once with the bug check IoCallDriver would raise next. A completed IRP has none
     * either.
     */
    private void noNextLocation(Irp irp) {
        if (irp.currentLocation - 1 > irp.stackCount) {
            throw new IllegalStateException("IoGetNextIrpStackLocation: " + irp.describe() + " is completed");
        }
        kernel.stop(new Stop.BugCheck(Stop.BugCheck.NO_MORE_IRP_STACK_LOCATIONS, irp.address, 0, 0, 0), false);
    }

    /** IoSkipCurrentIrpStackLocation: the next-lower driver gets this driver's location as it is. */
    public void IoSkipCurrentIrpStackLocation(Irp irp) {
        irp.currentLocation++;
        if (kernel.observed) {
            RoutineFrame f = kernel.frame();
            if (f != null && f.irp == irp) {
                f.flags = (f.flags | RoutineFrame.SKIPPED) & ~RoutineFrame.COPIED;
            }
        }
    }

    /** IoSetNextIrpStackLocation: moves CurrentLocation down one without calling anyone. */
    public void IoSetNextIrpStackLocation(Irp irp) {
        if (--irp.currentLocation <= 0) {
            noMoreStackLocations(irp);
        }
    }

    /** IoCopyCurrentIrpStackLocationToNext: copies the location up to CompletionRoutine and clears Control. */
    public void IoCopyCurrentIrpStackLocationToNext(Irp irp) {
        IoStackLocation current = IoGetCurrentIrpStackLocation(irp);
        IoGetNextIrpStackLocation(irp).copyForNext(current);
        if (kernel.observed) {
            RoutineFrame f = kernel.frame();
            if (f != null && f.irp == irp) {
                f.flags = (f.flags | RoutineFrame.COPIED) & ~RoutineFrame.SKIPPED;
            }
        }
    }

    /**
     * IoSetCompletionRoutine: writes the routine, its context and when to invoke it into the NEXT location (which is
     * why a driver that skipped its own location overwrites the routine of the driver above).
     */
    public void IoSetCompletionRoutine(Irp irp, IoCompletionRoutine routine, Object context, boolean invokeOnSuccess,
                                       boolean invokeOnError, boolean invokeOnCancel) {
        RoutineFrame f = kernel.frame();
        if (kernel.observed) {
            kernel.observer.onSetCompletionRoutine(f, irp);
            if (f != null && f.irp == irp) {
                f.flags |= RoutineFrame.SET_COMPLETION;
            }
        }
        IoStackLocation next = IoGetNextIrpStackLocation(irp);
        next.completionRoutine = routine;
        next.context = context;
        if (f != null && f.source != null) {
            next.completionSetAt = f.source;
        }
        next.control = (invokeOnSuccess ? IoStackLocation.SL_INVOKE_ON_SUCCESS : 0)
                | (invokeOnError ? IoStackLocation.SL_INVOKE_ON_ERROR : 0)
                | (invokeOnCancel ? IoStackLocation.SL_INVOKE_ON_CANCEL : 0);
    }

    /**
     * IoSetCompletionRoutineEx: the same, and it keeps the driver loaded until the routine has run. The real one
     * allocates and can fail with STATUS_INSUFFICIENT_RESOURCES; here memory does not run out.
     */
    public int IoSetCompletionRoutineEx(DeviceObject device, Irp irp, IoCompletionRoutine routine, Object context,
                                        boolean invokeOnSuccess, boolean invokeOnError, boolean invokeOnCancel) {
        IoSetCompletionRoutine(irp, routine, context, invokeOnSuccess, invokeOnError, invokeOnCancel);
        return NtStatus.STATUS_SUCCESS;
    }

    /** IoMarkIrpPending: sets SL_PENDING_RETURNED in the current location; the routine must return STATUS_PENDING. */
    public void IoMarkIrpPending(Irp irp) {
        IoGetCurrentIrpStackLocation(irp).control |= IoStackLocation.SL_PENDING_RETURNED;
        if (kernel.observed) {
            RoutineFrame f = kernel.frame();
            if (f != null && f.irp == irp) {
                f.flags |= RoutineFrame.MARKED_PENDING;
            }
        }
    }

    /** IoCompleteRequest: see {@link IoCompletion#IofCompleteRequest}. */
    public void IoCompleteRequest(Irp irp, int priorityBoost) {
        completion.IofCompleteRequest(irp, priorityBoost);
    }

    // ------------------------------------------------------------------ allocating IRPs

    /**
     * IoAllocateIrp: a packet with {@code stackSize} locations from the lookaside lists. An IRP a driver allocates has
     * no thread: its completion routine must return STATUS_MORE_PROCESSING_REQUIRED and free it.
     */
    public Irp IoAllocateIrp(int stackSize, boolean chargeQuota) {
        if (stackSize < 1 || stackSize > 127) {
            throw new IllegalArgumentException("IoAllocateIrp: StackSize is 1..127 (a CCHAR), not " + stackSize);
        }
        Irp irp = lookaside.allocate(stackSize);
        RoutineFrame f = kernel.frame();
        if (f != null && f.isDriverCode()) {
            irp.driverAllocated = true;
            irp.allocator = f.driver;
        }
        return irp;
    }

    /** IoFreeIrp: back to the lookaside list. */
    public void IoFreeIrp(Irp irp) {
        if (!irp.inUse) {
            kernel.stop(new Stop.BugCheck(Stop.BugCheck.DRIVER_VERIFIER_IOMANAGER_VIOLATION, 0x01, irp.address, 0,
                    0), false);
        }
        if (irp.thread != null) {
            irp.thread.unqueueIrp(irp);
        }
        lookaside.free(irp);
    }

    /** IopCompleteRequest's free: the packet is off its thread's list already, and in use. */
    void freeFinished(Irp irp) {
        lookaside.free(irp);
    }

    /** IoReuseIrp: reinitializes a packet for another request, keeping its size, with IoStatus.Status set. */
    public void IoReuseIrp(Irp irp, int status) {
        if (irp.cancelRoutine != null) {
            throw new IllegalStateException("IoReuseIrp: " + irp.describe() + " still has a cancel routine");
        }
        boolean driverAllocated = irp.driverAllocated;
        DriverObject allocator = irp.allocator;
        irp.initialize(irp.stackCount);
        irp.driverAllocated = driverAllocated;
        irp.allocator = allocator;
        irp.IoStatus.Status = status;
    }

    /**
     * IoMakeAssociatedIrp: an IRP whose completion counts down its master's AssociatedIrp.IrpCount; when the count
     * reaches zero the I/O manager completes the master (IofCompleteRequest). Only a highest-level driver may do
     * this, and the caller sets the master's count.
     */
    public Irp IoMakeAssociatedIrp(Irp master, int stackSize) {
        Irp a = lookaside.allocate(stackSize);
        a.flags |= Irp.IRP_ASSOCIATED_IRP;
        a.thread = master.thread;
        a.AssociatedIrp.MasterIrp = master;
        RoutineFrame f = kernel.frame();
        a.allocator = f == null ? null : f.driver;
        return a;
    }

    /**
     * IoBuildDeviceIoControlRequest: an IRP for {@code device}'s stack with the next location set to
     * IRP_MJ_(INTERNAL_)DEVICE_CONTROL, queued to the current thread; the I/O manager signals {@code event} and fills
     * {@code ioStatus} when it completes. Call at PASSIVE_LEVEL.
     */
    public Irp IoBuildDeviceIoControlRequest(int ioControlCode, DeviceObject device, int inputBufferLength,
                                             int outputBufferLength, boolean internal, KEvent event,
                                             IoStatusBlock ioStatus) {
        Irp irp = lookaside.allocate(device.stackSize);
        IoStackLocation next = irp.stack[irp.currentLocation - 2];
        next.MajorFunction = internal ? IrpMajor.IRP_MJ_INTERNAL_DEVICE_CONTROL : IrpMajor.IRP_MJ_DEVICE_CONTROL;
        next.Parameters.DeviceIoControl.IoControlCode = ioControlCode;
        next.Parameters.DeviceIoControl.InputBufferLength = inputBufferLength;
        next.Parameters.DeviceIoControl.OutputBufferLength = outputBufferLength;
        int length = Math.max(inputBufferLength, outputBufferLength);
        if (Ioctl.method(ioControlCode) == Ioctl.METHOD_BUFFERED && length > 0) {
            irp.AssociatedIrp.SystemBuffer = new byte[length];
            irp.flags |= Irp.IRP_BUFFERED_IO;
        }
        irp.userIosb = ioStatus;
        irp.userEvent = event;
        attachToThread(irp);
        return irp;
    }

    /** IoBuildSynchronousFsdRequest for read, write, flush, shutdown, PnP and power IRPs. */
    public Irp IoBuildSynchronousFsdRequest(int majorFunction, DeviceObject device, byte[] buffer, int length,
                                            long startingOffset, KEvent event, IoStatusBlock ioStatus) {
        Irp irp = lookaside.allocate(device.stackSize);
        IoStackLocation next = irp.stack[irp.currentLocation - 2];
        next.MajorFunction = majorFunction;
        if (majorFunction == IrpMajor.IRP_MJ_READ) {
            next.Parameters.Read.Length = length;
            next.Parameters.Read.ByteOffset = startingOffset;
        } else if (majorFunction == IrpMajor.IRP_MJ_WRITE) {
            next.Parameters.Write.Length = length;
            next.Parameters.Write.ByteOffset = startingOffset;
        }
        irp.AssociatedIrp.SystemBuffer = buffer;
        irp.userIosb = ioStatus;
        irp.userEvent = event;
        attachToThread(irp);
        return irp;
    }

    private void attachToThread(Irp irp) {
        KThread t = kernel.currentThread();
        RoutineFrame f = kernel.frame();
        irp.allocator = f == null ? null : f.driver;
        irp.thread = t;
        if (t != null) {
            t.queueIrp(irp);
        } else {
            irp.driverAllocated = true;
        }
    }

    /**
     * IoForwardIrpSynchronously: copies the current location to the next, sets a completion routine that signals an
     * event and returns STATUS_MORE_PROCESSING_REQUIRED, calls {@code device}, and waits if it returned
     * STATUS_PENDING. The IRP comes back to the caller, who must complete it. PASSIVE_LEVEL only.
     */
    public boolean IoForwardIrpSynchronously(DeviceObject device, Irp irp) {
        if (irp.currentLocation <= 1) {
            return false;
        }
        KEvent event = new KEvent(KEvent.Type.NotificationEvent, false);
        IoCopyCurrentIrpStackLocationToNext(irp);
        IoSetCompletionRoutine(irp, SIGNAL_AND_KEEP, event, true, true, true);
        int status = IoCallDriver(device, irp);
        if (status == NtStatus.STATUS_PENDING) {
            kernel.KeWaitForSingleObject(event, null);
        }
        return true;
    }

    /** IopSynchronousCompletion: signals the waiter (only needed if the lower driver pended) and keeps the IRP. */
    private static final IoCompletionRoutine SIGNAL_AND_KEEP = (device, irp, context) -> {
        if (irp.pendingReturned) {
            ((KEvent) context).set();
        }
        return NtStatus.STATUS_MORE_PROCESSING_REQUIRED;
    };

    // ------------------------------------------------------------------ cancellation (see IoCancel)

    public DriverCancel IoSetCancelRoutine(Irp irp, DriverCancel routine) {
        return cancel.IoSetCancelRoutine(irp, routine);
    }

    public boolean IoCancelIrp(Irp irp) {
        return cancel.IoCancelIrp(irp);
    }

    public int IoAcquireCancelSpinLock() {
        return cancel.IoAcquireCancelSpinLock();
    }

    public void IoReleaseCancelSpinLock(int irql) {
        cancel.IoReleaseCancelSpinLock(irql);
    }

    // ------------------------------------------------------------------ drivers, device objects and stacks

    /** A driver object with every dispatch entry set to the invalid-request routine (IopInvalidDeviceRequest). */
    public DriverObject createDriverObject(String name, Object implementation) {
        DriverObject d = new DriverObject(name, kernel.newDriverAddress(), implementation);
        for (int i = 0; i < d.MajorFunction.length; i++) {
            d.MajorFunction[i] = invalidDeviceRequest;
        }
        return d;
    }

    /** Runs DriverEntry at PASSIVE_LEVEL in a frame of its own. */
    public int callDriverEntry(DriverObject driver, DriverInitialize entry) {
        RoutineFrame f = kernel.enter(RoutineKind.DRIVER_ENTRY, driver, null, null, entry, 0);
        kernel.observer().onRoutineEnter(f);
        int status = entry.DriverEntry(driver, "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\"
                + driver.DriverName.substring(driver.DriverName.lastIndexOf('\\') + 1));
        kernel.checkHalted();
        kernel.observer().onRoutineExit(f, status);
        kernel.exit(f);
        return status;
    }

    /** Calls the driver's AddDevice for {@code pdo} at PASSIVE_LEVEL. */
    public int callAddDevice(DriverObject driver, DeviceObject pdo) {
        DriverAddDevice add = driver.DriverExtension.AddDevice;
        if (add == null) {
            return NtStatus.STATUS_SUCCESS;
        }
        RoutineFrame f = kernel.enter(RoutineKind.ADD_DEVICE, driver, pdo, null, add, 0);
        kernel.observer().onRoutineEnter(f);
        int status = add.addDevice(driver, pdo);
        kernel.checkHalted();
        kernel.observer().onRoutineExit(f, status);
        kernel.exit(f);
        return status;
    }

    /** IoCreateDevice: a device object of {@code driver}, flagged DO_DEVICE_INITIALIZING, StackSize 1. */
    public DeviceObject IoCreateDevice(DriverObject driver, Object extension, String name, int deviceType) {
        DeviceObject d = new DeviceObject(driver, name == null ? "" : name, kernel.newDeviceAddress(), deviceType,
                extension);
        driver.addDevice(d);
        return d;
    }

    /**
     * IoAttachDeviceToDeviceStack: attaches {@code source} on top of the stack {@code target} is in and returns the
     * device it attached to (the old top), whose driver it sends IRPs to. StackSize becomes the old top's plus one.
     */
    public DeviceObject IoAttachDeviceToDeviceStack(DeviceObject source, DeviceObject target) {
        DeviceObject top = IoGetAttachedDevice(target);
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

    /** A packet for the system service: not driver-allocated. */
    Irp lookasideAllocate(int stackSize) {
        return lookaside.allocate(stackSize);
    }

    /** The IRP with lookaside index {@code id} (events name packets by index so they allocate nothing). */
    Irp irpById(int id) {
        return lookaside.byId(id);
    }
}
