// A function driver for `sim irp`: it replaces the RAM disk at the middle of the stack and owns the controller.
//
//   sim irp --template function > MyFunction.java
//   sim irp --driver MyFunction.java --position function             run it in the demo stack
//   sim irp --driver MyFunction.java --position function --scenario cancel-storm --trace t.json
//   sim irp --grade MyFunction.java --position function              the grading battery
//
// Reads and writes go into a cancel-safe queue (which marks them pending); the controller runs up to N transfers at
// once and interrupts when one finishes; the ISR (at DIRQL) acknowledges and queues the DPC; the DPC (at
// DISPATCH_LEVEL) completes what finished and starts more. This version is correct. Things to try:
//   - complete the IRP in the ISR instead of the DPC                        -> iomanager-complete-above-dispatch
//   - return STATUS_SUCCESS after IoCsqInsertIrp                             -> mark-irp-pending
//   - replace the cancel-safe queue with a list and forget IoMarkIrpPending  -> mark-irp-pending-2
//   - wait on an event in the DPC (KeWaitForSingleObject)                    -> irql-not-less-or-equal (0xA)

import org.sysmodels.irp.model.hal.SimulatedDevice;
import org.sysmodels.irp.model.io.*;
import org.sysmodels.irp.model.ke.*;
import org.sysmodels.irp.wdm.WdmDriver;

public class MyFunction extends WdmDriver {

    static final int SIZE = 1 << 20;                                // the disk: 1 MiB
    static final int IOCTL_DISK_GET_LENGTH_INFO = CTL_CODE(FILE_DEVICE_DISK, 0x0017, METHOD_BUFFERED, FILE_READ_ACCESS);

    /** The device extension, which is also the cancel-safe queue's six callbacks. */
    final class Extension implements CsqCallbacks {
        DeviceObject lower;
        final byte[] disk = new byte[SIZE];
        final IrpList queue = new IrpList();                       // Tail.Overlay.ListEntry links
        final KSpinLock queueLock = KeInitializeSpinLock();
        final KSpinLock deviceLock = KeInitializeSpinLock();
        IoCsq csq;
        IoRemoveLock removeLock;
        SimulatedDevice controller;                                // null until IRP_MN_START_DEVICE
        Irp[] inFlight;                                            // transfer tag -> IRP
        Kdpc dpc;

        public void CsqInsertIrp(IoCsq csq, Irp irp) { queue.InsertTailList(irp); }
        public void CsqRemoveIrp(IoCsq csq, Irp irp) { queue.RemoveEntryList(irp); }
        public Irp CsqPeekNextIrp(IoCsq csq, Irp irp, Object peek) {
            Irp next = irp == null ? queue.first() : queue.next(irp);
            while (next != null && peek != null && next.FileObject() != peek) {
                next = queue.next(next);
            }
            return next;
        }
        public int CsqAcquireLock(IoCsq csq) { return KeAcquireSpinLock(queueLock); }
        public void CsqReleaseLock(IoCsq csq, int irql) { KeReleaseSpinLock(queueLock, irql); }
        public void CsqCompleteCanceledIrp(IoCsq csq, Irp irp) {
            IoReleaseRemoveLock(removeLock, irp);
            complete(irp, STATUS_CANCELLED, 0);
        }
    }

    @Override
    public int DriverEntry(DriverObject DriverObject, String RegistryPath) {
        DriverObject.MajorFunction[IRP_MJ_CREATE] = (d, irp) -> complete(irp, STATUS_SUCCESS, 0);
        DriverObject.MajorFunction[IRP_MJ_CLOSE] = (d, irp) -> complete(irp, STATUS_SUCCESS, 0);
        DriverObject.MajorFunction[IRP_MJ_CLEANUP] = this::DispatchCleanup;
        DriverObject.MajorFunction[IRP_MJ_READ] = this::DispatchReadWrite;
        DriverObject.MajorFunction[IRP_MJ_WRITE] = this::DispatchReadWrite;
        DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = this::DispatchDeviceControl;
        DriverObject.MajorFunction[IRP_MJ_POWER] = this::PassDown;
        DriverObject.MajorFunction[IRP_MJ_PNP] = this::DispatchPnp;
        DriverObject.DriverExtension.AddDevice = this::AddDevice;
        return STATUS_SUCCESS;
    }

    int AddDevice(DriverObject driver, DeviceObject pdo) {
        Extension ext = new Extension();
        DeviceObject fdo = IoCreateDevice(driver, ext, "\\Device\\MyDisk", FILE_DEVICE_DISK);
        ext.csq = IoCsqInitialize(ext);
        ext.removeLock = IoInitializeRemoveLock();
        ext.lower = IoAttachDeviceToDeviceStack(fdo, pdo);
        if (ext.lower == null) {                                    // it is still initializing: nothing to attach to
            IoDeleteDevice(fdo);
            return STATUS_NO_SUCH_DEVICE;
        }
        fdo.Flags |= DO_BUFFERED_IO | DO_POWER_PAGABLE;
        fdo.Flags &= ~DO_DEVICE_INITIALIZING;
        return STATUS_SUCCESS;
    }

    int complete(Irp irp, int status, long information) {
        irp.IoStatus.Status = status;
        irp.IoStatus.Information = information;
        IoCompleteRequest(irp, IO_NO_INCREMENT);
        return status;                                               // a completing driver returns that status
    }

    int DispatchReadWrite(DeviceObject fdo, Irp irp) {
        Extension ext = (Extension) fdo.DeviceExtension;
        IoStackLocation sp = IoGetCurrentIrpStackLocation(irp);
        boolean read = sp.MajorFunction == IRP_MJ_READ;
        long offset = read ? sp.Parameters.Read.ByteOffset : sp.Parameters.Write.ByteOffset;
        int length = read ? sp.Parameters.Read.Length : sp.Parameters.Write.Length;
        if (offset < 0 || offset + length > SIZE) {
            return complete(irp, STATUS_INVALID_PARAMETER, 0);
        }
        int status = IoAcquireRemoveLock(ext.removeLock, irp);
        if (!NT_SUCCESS(status)) {
            return complete(irp, status, 0);                           // being removed
        }
        if (ext.controller == null || length == 0) {                 // nothing to wait for: finish right here
            copy(ext, irp);
            IoReleaseRemoveLock(ext.removeLock, irp);
            return complete(irp, STATUS_SUCCESS, length);
        }
        IoCsqInsertIrp(ext.csq, irp, null);                           // marks it pending; a cancel may take it now
        startTransfers(ext);
        return STATUS_PENDING;
    }

    void startTransfers(Extension ext) {
        int irql = KeAcquireSpinLock(ext.deviceLock);
        while (ext.controller.canStart()) {
            Irp irp = IoCsqRemoveNextIrp(ext.csq, null);              // never one that is being cancelled
            if (irp == null) {
                break;
            }
            int tag = 0;
            while (ext.inFlight[tag] != null) {
                tag++;
            }
            ext.inFlight[tag] = irp;
            ext.controller.start(tag);
        }
        KeReleaseSpinLock(ext.deviceLock, irql);
    }

    boolean Isr(KInterrupt interrupt, Object context) {            // DIRQL: no spin locks, no completion
        Extension ext = (Extension) context;
        if (!ext.controller.acknowledge()) {
            return false;
        }
        KeInsertQueueDpc(ext.dpc, null, null);
        return true;
    }

    void Dpc(Kdpc dpc, Object context, Object a1, Object a2) {      // DISPATCH_LEVEL
        Extension ext = (Extension) context;
        IrpList done = new IrpList();
        KeAcquireSpinLockAtDpcLevel(ext.deviceLock);
        while (ext.controller.hasDone()) {
            int tag = (int) ext.controller.takeDone();
            done.InsertTailList(ext.inFlight[tag]);
            ext.inFlight[tag] = null;
        }
        KeReleaseSpinLockFromDpcLevel(ext.deviceLock);
        Irp irp;
        while ((irp = done.RemoveHeadList()) != null) {              // complete outside the lock
            copy(ext, irp);
            IoStackLocation sp = IoGetCurrentIrpStackLocation(irp);
            int length = sp.MajorFunction == IRP_MJ_READ ? sp.Parameters.Read.Length : sp.Parameters.Write.Length;
            IoReleaseRemoveLock(ext.removeLock, irp);
            complete(irp, STATUS_SUCCESS, length);
        }
        startTransfers(ext);
    }

    void copy(Extension ext, Irp irp) {
        IoStackLocation sp = IoGetCurrentIrpStackLocation(irp);
        byte[] buffer = irp.AssociatedIrp.SystemBuffer;              // buffered I/O: the I/O manager's copy
        if (buffer == null) {
            return;
        }
        if (sp.MajorFunction == IRP_MJ_READ) {
            System.arraycopy(ext.disk, (int) sp.Parameters.Read.ByteOffset, buffer, 0,
                    Math.min(sp.Parameters.Read.Length, buffer.length));
        } else {
            System.arraycopy(buffer, 0, ext.disk, (int) sp.Parameters.Write.ByteOffset,
                    Math.min(sp.Parameters.Write.Length, buffer.length));
        }
    }

    int DispatchCleanup(DeviceObject fdo, Irp irp) {               // the last handle closed: fail its queued IRPs
        Extension ext = (Extension) fdo.DeviceExtension;
        FileObject file = IoGetCurrentIrpStackLocation(irp).FileObject;
        Irp queued;
        while ((queued = IoCsqRemoveNextIrp(ext.csq, file)) != null) {
            ext.CsqCompleteCanceledIrp(ext.csq, queued);
        }
        return complete(irp, STATUS_SUCCESS, 0);
    }

    int DispatchDeviceControl(DeviceObject fdo, Irp irp) {
        IoStackLocation sp = IoGetCurrentIrpStackLocation(irp);
        if (sp.Parameters.DeviceIoControl.IoControlCode == IOCTL_DISK_GET_LENGTH_INFO) {
            return complete(irp, STATUS_SUCCESS, 8);
        }
        return PassDown(fdo, irp);                                    // not ours: the bus may know it
    }

    int PassDown(DeviceObject fdo, Irp irp) {
        IoSkipCurrentIrpStackLocation(irp);
        return IoCallDriver(((Extension) fdo.DeviceExtension).lower, irp);
    }

    int DispatchPnp(DeviceObject fdo, Irp irp) {
        Extension ext = (Extension) fdo.DeviceExtension;
        int minor = IoGetCurrentIrpStackLocation(irp).MinorFunction;
        if (minor == IRP_MN_START_DEVICE) {
            IoForwardIrpSynchronously(ext.lower, irp);               // the bus starts first, then we do
            if (NT_SUCCESS(irp.IoStatus.Status) && IoGetCurrentIrpStackLocation(irp).Parameters.Others.Argument1
                    instanceof SimulatedDevice controller) {
                ext.controller = controller;
                ext.inFlight = new Irp[controller.channels()];
                ext.dpc = KeInitializeDpc(this::Dpc, ext);
                IoConnectInterrupt(fdo, controller, this::Isr, ext, 5);
            }
            return complete(irp, irp.IoStatus.Status, 0);
        }
        if (minor == IRP_MN_REMOVE_DEVICE) {
            IoAcquireRemoveLock(ext.removeLock, irp);
            Irp queued;
            while ((queued = IoCsqRemoveNextIrp(ext.csq, null)) != null) {
                IoReleaseRemoveLock(ext.removeLock, queued);
                complete(queued, STATUS_DELETE_PENDING, 0);
            }
            IoReleaseRemoveLockAndWait(ext.removeLock, irp);           // waits for transfers in flight
            irp.IoStatus.Status = STATUS_SUCCESS;
            int status = PassDown(fdo, irp);
            IoDetachDevice(ext.lower);
            IoDeleteDevice(fdo);
            return status;
        }
        return PassDown(fdo, irp);
    }
}
