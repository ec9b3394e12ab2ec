package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.ke.KEvent;

/**
 * The I/O manager's functions for drivers, with their WDM names: sending an IRP down (IoCallDriver), the stack
 * location macros, completion routines, pending, allocating IRPs. Completion lives in {@link IoCompletion},
 * cancellation in {@link IoCancel}, driver and device objects in {@link IoDevices}.
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
    private final IoDevices devices;
    private final IrpBuilders builders;

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
        this.devices = new IoDevices(kernel, invalidDeviceRequest);
        this.builders = new IrpBuilders(kernel, lookaside);
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

    /** Driver objects, device objects and device stacks. */
    public IoDevices devices() {
        return devices;
    }

    // ------------------------------------------------------------------ sending an IRP down

    /**
     * IoCallDriver (IofCallDriver): moves CurrentLocation down one, makes that location the device's, and calls the
     * device's driver's dispatch routine for the location's major function. Running out of locations is bug check
     * NO_MORE_IRP_STACK_LOCATIONS (0x35, the IRP). The system service's call to the top of a stack on an observed
     * machine goes through a copy of the observed path ({@code IoService.callObserved}): change both together.
     */
    public int IoCallDriver(DeviceObject device, Irp irp) {
        Kernel k = kernel;
        boolean observed = k.observed;
        if (!observed) {
            return callUnobserved(device, irp);
        }
        RoutineFrame caller = null;
        if (observed) {
            caller = k.observedFrame();
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
        irp.touched(loc);
        IoStackLocation sp = irp.stack[loc - 1];
        sp.deviceObject = device;
        DriverObject driver = device.DriverObject;
        DriverDispatch routine = driver.MajorFunction[sp.MajorFunction];
        if (routine == null) {
            routine = kernel.faults.callThroughNull(kernel, driver, sp.MajorFunction);
        }
        RoutineFrame f = k.currentFrames.enter(RoutineKind.DISPATCH, driver, device, irp, routine, k.dispatchCost,
                k.observed);
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
        k.currentFrames.exit(f);
        return status;
    }

    /**
     * IoCallDriver on a machine nobody observes: the same steps without the observers' bookkeeping. Only the frame
     * is held across the dispatch routine; everything else is read again afterwards, so the compiled code keeps few
     * values alive through the driver's routine. Its first lines repeat {@link #IoCallDriver}'s on purpose: sharing
     * them through one method, or dropping the observed path's redundant {@code observed} tests, measured 6 to 9
     * more instructions per IRP on this path (1,048 → 1,054 / 1,057, cachegrind).
     */
    private int callUnobserved(DeviceObject device, Irp irp) {
        int loc = --irp.currentLocation;
        if (loc <= 0) {
            noMoreStackLocations(irp);
        }
        irp.touched(loc);
        IoStackLocation sp = irp.stack[loc - 1];
        sp.deviceObject = device;
        DriverObject driver = device.DriverObject;
        DriverDispatch routine = driver.MajorFunction[sp.MajorFunction];
        if (routine == null) {
            routine = kernel.faults.callThroughNull(kernel, driver, sp.MajorFunction);
        }
        Kernel k = kernel;
        RoutineFrame f = k.currentFrames.enterLight(LIGHT_DISPATCH, device, irp, routine, k.dispatchCost);
        int status = routine.dispatch(device, irp);
        k = kernel;
        if (k.isHalted()) {
            k.checkHalted();
        }
        k.currentFrames.exit(f);
        return status;
    }

    private static final int LIGHT_DISPATCH = RoutineFrame.light(RoutineKind.DISPATCH);

    void noMoreStackLocations(Irp irp) {
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
        irp.touched(loc);
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
            RoutineFrame f = kernel.observedFrame();
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
        irp.touched(irp.currentLocation);
    }

    /** IoCopyCurrentIrpStackLocationToNext: copies the location up to CompletionRoutine and clears Control. */
    public void IoCopyCurrentIrpStackLocationToNext(Irp irp) {
        IoStackLocation current = IoGetCurrentIrpStackLocation(irp);
        IoGetNextIrpStackLocation(irp).copyForNext(current);
        if (kernel.observed) {
            RoutineFrame f = kernel.observedFrame();
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
        RoutineFrame f = kernel.observedFrame();
        if (kernel.observed) {
            kernel.observer.onSetCompletionRoutine(f, irp);
            if (f != null && f.irp == irp) {
                f.flags |= RoutineFrame.SET_COMPLETION;
            }
        }
        IoStackLocation next = IoGetNextIrpStackLocation(irp);
        next.completionRoutine = routine;
        next.context = context;
        if (f != null && f.light == 0 && f.source != null) {
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
            RoutineFrame f = kernel.observedFrame();
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

    /**
     * IoFreeIrp: back to the lookaside list. Driver Verifier's I/O verification stops a free of a packet not in use
     * (0xC9, 0x01) and of one still on its thread's IRP list (0xC9, 0x02: a request the I/O manager or
     * IoBuildDeviceIoControlRequest made, which only IoCompleteRequest may finish) (WDK Bug Check 0xC9).
     */
    public void IoFreeIrp(Irp irp) {
        if (!irp.inUse) {
            kernel.stop(new Stop.BugCheck(Stop.BugCheck.DRIVER_VERIFIER_IOMANAGER_VIOLATION, 0x01, irp.address, 0,
                    0), false);
        }
        if (irp.onThreadList()) {
            kernel.stop(new Stop.BugCheck(Stop.BugCheck.DRIVER_VERIFIER_IOMANAGER_VIOLATION, 0x02, irp.address, 0,
                    0), false);
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
     * IRP_MJ_(INTERNAL_)DEVICE_CONTROL, queued to the current thread; see {@link IrpBuilders}.
     */
    public Irp IoBuildDeviceIoControlRequest(int ioControlCode, DeviceObject device, int inputBufferLength,
                                             int outputBufferLength, boolean internal, KEvent event,
                                             IoStatusBlock ioStatus) {
        return builders.deviceIoControl(ioControlCode, device, inputBufferLength, outputBufferLength, internal,
                event, ioStatus);
    }

    /** IoBuildSynchronousFsdRequest for read, write, flush, shutdown, PnP and power IRPs; see {@link IrpBuilders}. */
    public Irp IoBuildSynchronousFsdRequest(int majorFunction, DeviceObject device, byte[] buffer, int length,
                                            long startingOffset, KEvent event, IoStatusBlock ioStatus) {
        return builders.synchronousFsd(majorFunction, device, buffer, length, startingOffset, event, ioStatus);
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

    /** The IRP with lookaside index {@code id} (events name packets by index so they allocate nothing). */
    Irp irpById(int id) {
        return lookaside.byId(id);
    }
}
