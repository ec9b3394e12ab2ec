package org.sysmodels.irp.wdm;

import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.hal.SimulatedDevice;
import org.sysmodels.irp.model.io.CsqCallbacks;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverCancel;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.IoCompletionRoutine;
import org.sysmodels.irp.model.io.IoCsq;
import org.sysmodels.irp.model.io.IoCsqIrpContext;
import org.sysmodels.irp.model.io.IoRemoveLock;
import org.sysmodels.irp.model.io.IoStackLocation;
import org.sysmodels.irp.model.io.IoStatusBlock;
import org.sysmodels.irp.model.io.IoWorkItem;
import org.sysmodels.irp.model.io.IoWorkItemRoutine;
import org.sysmodels.irp.model.io.Ioctl;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.ke.KEvent;
import org.sysmodels.irp.model.ke.KInterrupt;
import org.sysmodels.irp.model.ke.ServiceRoutine;

/**
 * A WDM driver in one Java class. Extend it, implement {@link #DriverEntry}, and write the driver as the WDK shows it:
 * the I/O manager's and kernel's functions are inherited methods with their WDM names, the constants are inherited
 * with their real values, and the structures are Java objects whose fields keep their WDM names.
 *
 * <p>The naming scheme, in three rules:
 * <ol>
 *   <li>A WDM function or macro is a method with the same name and the same arguments in the same order:
 *       {@code IoCallDriver(lower, Irp)}, {@code IoSetCompletionRoutine(Irp, this::ReadDone, null, true, true, true)}.
 *       Output parameters become return values: {@code int oldIrql = KeAcquireSpinLock(lock)}.</li>
 *   <li>A structure field a driver writes is a public field with its WDM name: {@code Irp.IoStatus.Status},
 *       {@code stack.Parameters.Read.Length}, {@code DriverObject.MajorFunction[IRP_MJ_READ]}.</li>
 *   <li>A field only the system changes is read through a method named after it: {@code Irp.PendingReturned()},
 *       {@code Irp.Cancel()}, {@code DeviceObject.StackSize()}.</li>
 * </ol>
 * Function pointers are Java functional interfaces, so a method reference fits: {@code this::DispatchRead}.
 *
 * <p>This class holds the I/O manager's (Io) routines; the kernel's (Ke) and executive's (Ex) come from
 * {@link KernelRoutines}.
 */
public abstract class WdmDriver extends KernelRoutines {

    /** DriverEntry: fill in the dispatch table, AddDevice and Unload. Runs once at PASSIVE_LEVEL. */
    public abstract int DriverEntry(DriverObject DriverObject, String RegistryPath);

    // ------------------------------------------------------------------ status

    /**
     * NT_SUCCESS (ntdef.h: {@code ((NTSTATUS)(Status)) >= 0}), the same test as {@link NtStatus#isSuccess}, written
     * out so a completion routine deep in a driver stack does not need one more call level.
     */
    protected static boolean NT_SUCCESS(int status) {
        return status >= 0;
    }

    /** CTL_CODE(DeviceType, Function, Method, Access). */
    protected static int CTL_CODE(int deviceType, int function, int method, int access) {
        return Ioctl.CTL_CODE(deviceType, function, method, access);
    }

    // ------------------------------------------------------------------ IRPs

    protected final int IoCallDriver(DeviceObject DeviceObject, Irp Irp) {
        if (student) {
            noteCaller();
        }
        return io.IoCallDriver(DeviceObject, Irp);
    }

    protected final void IoCompleteRequest(Irp Irp, int PriorityBoost) {
        if (student) {
            noteCaller();
        }
        completion.IofCompleteRequest(Irp, PriorityBoost);
    }

    protected final IoStackLocation IoGetCurrentIrpStackLocation(Irp Irp) {
        if (student) {
            noteCaller();
        }
        return io.IoGetCurrentIrpStackLocation(Irp);
    }

    protected final IoStackLocation IoGetNextIrpStackLocation(Irp Irp) {
        if (student) {
            noteCaller();
        }
        return io.IoGetNextIrpStackLocation(Irp);
    }

    protected final void IoSkipCurrentIrpStackLocation(Irp Irp) {
        if (student) {
            noteCaller();
        }
        io.IoSkipCurrentIrpStackLocation(Irp);
    }

    protected final void IoCopyCurrentIrpStackLocationToNext(Irp Irp) {
        if (student) {
            noteCaller();
        }
        io.IoCopyCurrentIrpStackLocationToNext(Irp);
    }

    protected final void IoSetNextIrpStackLocation(Irp Irp) {
        if (student) {
            noteCaller();
        }
        io.IoSetNextIrpStackLocation(Irp);
    }

    protected final void IoSetCompletionRoutine(Irp Irp, IoCompletionRoutine CompletionRoutine, Object Context,
                                                boolean InvokeOnSuccess, boolean InvokeOnError,
                                                boolean InvokeOnCancel) {
        if (student) {
            noteCaller();
        }
        io.IoSetCompletionRoutine(Irp, CompletionRoutine, Context, InvokeOnSuccess, InvokeOnError, InvokeOnCancel);
    }

    protected final int IoSetCompletionRoutineEx(DeviceObject DeviceObject, Irp Irp,
                                                 IoCompletionRoutine CompletionRoutine, Object Context,
                                                 boolean InvokeOnSuccess, boolean InvokeOnError,
                                                 boolean InvokeOnCancel) {
        if (student) {
            noteCaller();
        }
        return io.IoSetCompletionRoutineEx(DeviceObject, Irp, CompletionRoutine, Context, InvokeOnSuccess,
                InvokeOnError, InvokeOnCancel);
    }

    protected final void IoMarkIrpPending(Irp Irp) {
        if (student) {
            noteCaller();
        }
        io.IoMarkIrpPending(Irp);
    }

    protected final boolean IoForwardIrpSynchronously(DeviceObject DeviceObject, Irp Irp) {
        if (student) {
            noteCaller();
        }
        return io.IoForwardIrpSynchronously(DeviceObject, Irp);
    }

    protected final Irp IoAllocateIrp(int StackSize, boolean ChargeQuota) {
        if (student) {
            noteCaller();
        }
        return io.IoAllocateIrp(StackSize, ChargeQuota);
    }

    protected final void IoFreeIrp(Irp Irp) {
        if (student) {
            noteCaller();
        }
        io.IoFreeIrp(Irp);
    }

    protected final void IoReuseIrp(Irp Irp, int Iostatus) {
        if (student) {
            noteCaller();
        }
        io.IoReuseIrp(Irp, Iostatus);
    }

    protected final Irp IoMakeAssociatedIrp(Irp Irp, int StackSize) {
        if (student) {
            noteCaller();
        }
        return io.IoMakeAssociatedIrp(Irp, StackSize);
    }

    protected final Irp IoBuildDeviceIoControlRequest(int IoControlCode, DeviceObject DeviceObject,
                                                      int InputBufferLength, int OutputBufferLength,
                                                      boolean InternalDeviceIoControl, KEvent Event,
                                                      IoStatusBlock IoStatusBlock) {
        if (student) {
            noteCaller();
        }
        return io.IoBuildDeviceIoControlRequest(IoControlCode, DeviceObject, InputBufferLength, OutputBufferLength,
                InternalDeviceIoControl, Event, IoStatusBlock);
    }

    // ------------------------------------------------------------------ cancellation

    protected final DriverCancel IoSetCancelRoutine(Irp Irp, DriverCancel CancelRoutine) {
        if (student) {
            noteCaller();
        }
        return io.cancel().IoSetCancelRoutine(Irp, CancelRoutine);
    }

    protected final int IoAcquireCancelSpinLock() {
        if (student) {
            noteCaller();
        }
        return io.cancel().IoAcquireCancelSpinLock();
    }

    protected final void IoReleaseCancelSpinLock(int Irql) {
        if (student) {
            noteCaller();
        }
        io.cancel().IoReleaseCancelSpinLock(Irql);
    }

    protected final boolean IoCancelIrp(Irp Irp) {
        if (student) {
            noteCaller();
        }
        return io.cancel().IoCancelIrp(Irp);
    }

    /** IoCsqInitialize: a cancel-safe queue over the driver's six callbacks. */
    protected final IoCsq IoCsqInitialize(CsqCallbacks callbacks) {
        if (student) {
            noteCaller();
        }
        return new IoCsq(io, callbacks);
    }

    protected final void IoCsqInsertIrp(IoCsq Csq, Irp Irp, IoCsqIrpContext Context) {
        if (student) {
            noteCaller();
        }
        Csq.IoCsqInsertIrp(Irp, Context);
    }

    protected final Irp IoCsqRemoveNextIrp(IoCsq Csq, Object PeekContext) {
        if (student) {
            noteCaller();
        }
        return Csq.IoCsqRemoveNextIrp(PeekContext);
    }

    protected final Irp IoCsqRemoveIrp(IoCsq Csq, IoCsqIrpContext Context) {
        if (student) {
            noteCaller();
        }
        return Csq.IoCsqRemoveIrp(Context);
    }

    // ------------------------------------------------------------------ device objects

    /** IoCreateDevice (the device object is the return value; a name of null or "" makes it unnamed). */
    protected final DeviceObject IoCreateDevice(DriverObject DriverObject, Object DeviceExtension, String DeviceName,
                                                int DeviceType) {
        if (student) {
            noteCaller();
        }
        return io.devices().IoCreateDevice(DriverObject, DeviceExtension, DeviceName, DeviceType);
    }

    protected final DeviceObject IoAttachDeviceToDeviceStack(DeviceObject SourceDevice, DeviceObject TargetDevice) {
        if (student) {
            noteCaller();
        }
        return io.devices().IoAttachDeviceToDeviceStack(SourceDevice, TargetDevice);
    }

    protected final void IoDetachDevice(DeviceObject TargetDevice) {
        if (student) {
            noteCaller();
        }
        io.devices().IoDetachDevice(TargetDevice);
    }

    protected final void IoDeleteDevice(DeviceObject DeviceObject) {
        if (student) {
            noteCaller();
        }
        io.devices().IoDeleteDevice(DeviceObject);
    }

    /** IoInitializeRemoveLock (the lock is the return value). */
    protected final IoRemoveLock IoInitializeRemoveLock() {
        if (student) {
            noteCaller();
        }
        return new IoRemoveLock(kernel);
    }

    protected final int IoAcquireRemoveLock(IoRemoveLock RemoveLock, Object Tag) {
        if (student) {
            noteCaller();
        }
        return RemoveLock.IoAcquireRemoveLock();
    }

    protected final void IoReleaseRemoveLock(IoRemoveLock RemoveLock, Object Tag) {
        if (student) {
            noteCaller();
        }
        RemoveLock.IoReleaseRemoveLock();
    }

    protected final void IoReleaseRemoveLockAndWait(IoRemoveLock RemoveLock, Object Tag) {
        if (student) {
            noteCaller();
        }
        RemoveLock.IoReleaseRemoveLockAndWait();
    }

    // ------------------------------------------------------------------ interrupts, DPCs, work items

    /**
     * IoConnectInterrupt, reduced to what a simulated device needs: the ISR runs at {@code Irql} whenever the
     * device raises its interrupt.
     */
    protected final KInterrupt IoConnectInterrupt(DeviceObject DeviceObject, SimulatedDevice Device,
                                                  ServiceRoutine ServiceRoutine, Object ServiceContext, int Irql) {
        if (student) {
            noteCaller();
        }
        KInterrupt i = io.devices().IoConnectInterrupt(DeviceObject, ServiceRoutine, ServiceContext, Irql);
        Device.connect(i);
        return i;
    }

    /**
     * The simulated device's registers and interrupt, from IRP_MN_START_DEVICE: the stand-in for
     * Parameters.StartDevice.AllocatedResourcesTranslated (the PnP manager passes it in Parameters.Others.Argument1).
     */
    protected final SimulatedDevice AllocatedResources(Irp Irp) {
        if (student) {
            noteCaller();
        }
        Object r = IoGetCurrentIrpStackLocation(Irp).Parameters.Others.Argument1;
        if (!(r instanceof SimulatedDevice d)) {
            throw new IllegalStateException("AllocatedResources: this IRP is not IRP_MN_START_DEVICE for a device "
                    + "with hardware");
        }
        return d;
    }

    protected final IoWorkItem IoAllocateWorkItem(DeviceObject DeviceObject) {
        if (student) {
            noteCaller();
        }
        return io.devices().IoAllocateWorkItem(DeviceObject);
    }

    /** IoQueueWorkItem (all work queues are the same one here). */
    protected final void IoQueueWorkItem(IoWorkItem IoWorkItem, IoWorkItemRoutine WorkerRoutine, Object Context) {
        if (student) {
            noteCaller();
        }
        io.devices().IoQueueWorkItem(IoWorkItem, WorkerRoutine, Context);
    }

    protected final void IoFreeWorkItem(IoWorkItem IoWorkItem) {
        if (student) {
            noteCaller();
        }
        // Work items are garbage collected.
    }
}
