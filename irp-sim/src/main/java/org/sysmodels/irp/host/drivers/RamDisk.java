package org.sysmodels.irp.host.drivers;

import org.sysmodels.irp.model.hal.SimulatedDevice;
import org.sysmodels.irp.model.io.CsqCallbacks;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.FileObject;
import org.sysmodels.irp.model.io.IoCsq;
import org.sysmodels.irp.model.io.IoRemoveLock;
import org.sysmodels.irp.model.io.IoStackLocation;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.IrpList;
import org.sysmodels.irp.model.ke.KInterrupt;
import org.sysmodels.irp.model.ke.KSpinLock;
import org.sysmodels.irp.model.ke.Kdpc;
import org.sysmodels.irp.wdm.WdmDriver;

/**
 * The function driver a student reads first: a RAM disk in front of a simulated storage controller.
 *
 * <ul>
 *   <li>Read and write: check the range, take the remove lock, then either serve the request at once (no hardware,
 *       or a zero-length transfer: complete in the dispatch routine, return the status) or queue it in a cancel-safe
 *       queue (which marks it pending), start as many transfers as the controller has channels, and return
 *       STATUS_PENDING.</li>
 *   <li>The controller interrupts when a transfer finishes: the ISR (at DIRQL) only acknowledges and queues the DPC;
 *       the DPC (at DISPATCH_LEVEL) takes the finished IRPs off the controller under the device lock, completes them
 *       outside the lock, and starts the next queued ones.</li>
 *   <li>A queued IRP can be cancelled at any moment: the cancel-safe queue completes it with STATUS_CANCELLED. A
 *       transfer in progress is not cancelable (it finishes in microseconds).</li>
 *   <li>IRP_MJ_CLEANUP completes the closing handle's queued IRPs with STATUS_CANCELLED.</li>
 *   <li>PnP: START forwards the IRP down synchronously, then connects the interrupt; REMOVE waits for in-flight
 *       requests through the remove lock, fails what is queued, passes the IRP down, detaches and deletes.</li>
 * </ul>
 * The protected methods are the steps bug labs replace with their mistakes.
 */
public class RamDisk extends WdmDriver {

    /** IOCTL_DISK_GET_LENGTH_INFO (ntdddisk.h): CTL_CODE(IOCTL_DISK_BASE, 0x17, METHOD_BUFFERED, FILE_READ_ACCESS). */
    public static final int IOCTL_DISK_GET_LENGTH_INFO = CTL_CODE(FILE_DEVICE_DISK, 0x0017, METHOD_BUFFERED,
            FILE_READ_ACCESS);
    /** The DIRQL the controller's interrupt runs at. */
    public static final int DEVICE_IRQL = 5;

    /** The device extension: the disk's memory, its queue and the controller's state. */
    public static class Extension implements CsqCallbacks {
        public DeviceObject self;
        public DeviceObject lower;
        public final byte[] storage;
        public final IrpList queue = new IrpList();
        public final IrpList done = new IrpList();
        public KSpinLock queueLock;
        public KSpinLock deviceLock;
        public IoCsq csq;
        public IoRemoveLock removeLock;
        public SimulatedDevice hardware;
        public KInterrupt interrupt;
        public Kdpc dpc;
        public Irp[] inFlight = new Irp[0];
        public boolean started;
        public long transfers;
        private final RamDisk driver;

        protected Extension(RamDisk driver, int size) {
            this.driver = driver;
            this.storage = new byte[size];
        }

        @Override
        public void CsqInsertIrp(IoCsq csq, Irp irp) {
            queue.InsertTailList(irp);
        }

        @Override
        public void CsqRemoveIrp(IoCsq csq, Irp irp) {
            queue.RemoveEntryList(irp);
        }

        @Override
        public Irp CsqPeekNextIrp(IoCsq csq, Irp irp, Object peekContext) {
            Irp next = irp == null ? queue.first() : queue.next(irp);
            while (next != null && peekContext != null && fileOf(next) != peekContext) {
                next = queue.next(next);
            }
            return next;
        }

        @Override
        public int CsqAcquireLock(IoCsq csq) {
            return driver.KeAcquireSpinLock(queueLock);
        }

        @Override
        public void CsqReleaseLock(IoCsq csq, int irql) {
            driver.KeReleaseSpinLock(queueLock, irql);
        }

        @Override
        public void CsqCompleteCanceledIrp(IoCsq csq, Irp irp) {
            irp.IoStatus.Status = STATUS_CANCELLED;
            irp.IoStatus.Information = 0;
            driver.IoReleaseRemoveLock(removeLock, irp);
            driver.IoCompleteRequest(irp, IO_NO_INCREMENT);
        }
    }

    private final int size;
    private int disks;

    public RamDisk() {
        this(1 << 20);
    }

    public RamDisk(int sizeBytes) {
        this.size = sizeBytes;
    }

    @Override
    public int DriverEntry(DriverObject DriverObject, String RegistryPath) {
        DriverObject.MajorFunction[IRP_MJ_CREATE] = this::DispatchCreateClose;
        DriverObject.MajorFunction[IRP_MJ_CLOSE] = this::DispatchCreateClose;
        DriverObject.MajorFunction[IRP_MJ_CLEANUP] = this::DispatchCleanup;
        DriverObject.MajorFunction[IRP_MJ_READ] = this::DispatchReadWrite;
        DriverObject.MajorFunction[IRP_MJ_WRITE] = this::DispatchReadWrite;
        DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = this::DispatchDeviceControl;
        DriverObject.MajorFunction[IRP_MJ_PNP] = this::DispatchPnp;
        DriverObject.MajorFunction[IRP_MJ_POWER] = this::DispatchPower;
        DriverObject.DriverExtension.AddDevice = this::AddDevice;
        return STATUS_SUCCESS;
    }

    /** A new extension (a lab's subclass may keep more). */
    protected Extension newExtension(int sizeBytes) {
        return new Extension(this, sizeBytes);
    }

    protected int AddDevice(DriverObject driver, DeviceObject pdo) {
        Extension ext = newExtension(size);
        DeviceObject fdo = IoCreateDevice(driver, ext, "\\Device\\RamDisk" + disks++, FILE_DEVICE_DISK);
        ext.self = fdo;
        ext.queueLock = KeInitializeSpinLock();
        ext.deviceLock = KeInitializeSpinLock();
        ext.csq = IoCsqInitialize(ext);
        ext.removeLock = IoInitializeRemoveLock();
        ext.lower = IoAttachDeviceToDeviceStack(fdo, pdo);
        if (ext.lower == null) {
            IoDeleteDevice(fdo);
            return STATUS_NO_SUCH_DEVICE;
        }
        fdo.Flags |= DO_BUFFERED_IO | DO_POWER_PAGABLE;
        fdo.Flags &= ~DO_DEVICE_INITIALIZING;
        return STATUS_SUCCESS;
    }

    protected static Extension ext(DeviceObject fdo) {
        return (Extension) fdo.DeviceExtension;
    }

    /** The file object an IRP was issued on (the peek context of IRP_MJ_CLEANUP). */
    static FileObject fileOf(Irp irp) {
        return irp.FileObject();
    }

    protected final int complete(Irp irp, int status, long information) {
        irp.IoStatus.Status = status;
        irp.IoStatus.Information = information;
        IoCompleteRequest(irp, IO_NO_INCREMENT);
        return status;
    }

    protected int DispatchCreateClose(DeviceObject fdo, Irp irp) {
        return complete(irp, STATUS_SUCCESS, 0);
    }

    protected int DispatchReadWrite(DeviceObject fdo, Irp irp) {
        Extension ext = ext(fdo);
        IoStackLocation sp = IoGetCurrentIrpStackLocation(irp);
        boolean read = sp.MajorFunction == IRP_MJ_READ;
        int length = read ? sp.Parameters.Read.Length : sp.Parameters.Write.Length;
        long offset = read ? sp.Parameters.Read.ByteOffset : sp.Parameters.Write.ByteOffset;
        if (offset < 0 || length < 0 || offset + length > ext.storage.length) {
            return complete(irp, STATUS_INVALID_PARAMETER, 0);
        }
        int status = IoAcquireRemoveLock(ext.removeLock, irp);
        if (!NT_SUCCESS(status)) {
            return complete(irp, status, 0);
        }
        if (ext.hardware == null || length == 0) {
            transfer(ext, irp);
            IoReleaseRemoveLock(ext.removeLock, irp);
            // Completed in place, as WDK samples write it, rather than through complete(): one call level less
            // between IoCallDriver and the filter's completion routine, whose NT_SUCCESS was otherwise one level
            // past C2's MaxInlineLevel (15) and a real call on every read (docs/irp-speed.md, 4 December).
            irp.IoStatus.Status = STATUS_SUCCESS;
            irp.IoStatus.Information = length;
            IoCompleteRequest(irp, IO_NO_INCREMENT);
            return STATUS_SUCCESS;
        }
        return queueRequest(fdo, irp);
    }

    /** Queues a request for the controller: the cancel-safe queue marks it pending. */
    protected int queueRequest(DeviceObject fdo, Irp irp) {
        Extension ext = ext(fdo);
        IoCsqInsertIrp(ext.csq, irp, null);
        startTransfers(ext);
        return STATUS_PENDING;
    }

    /** Gives queued requests to the controller while it has free channels. */
    protected void startTransfers(Extension ext) {
        int irql = KeAcquireSpinLock(ext.deviceLock);
        while (ext.hardware.canStart()) {
            Irp irp = nextQueued(ext);
            if (irp == null) {
                break;
            }
            startTransfer(ext, irp);
        }
        KeReleaseSpinLock(ext.deviceLock, irql);
    }

    /** Takes the next queued request that is not being cancelled, or null. */
    protected Irp nextQueued(Extension ext) {
        return IoCsqRemoveNextIrp(ext.csq, null);
    }

    /** Completes with {@code status} every queued request of {@code file} (every one if null). */
    protected void failQueued(Extension ext, FileObject file, int status) {
        Irp queued;
        while ((queued = IoCsqRemoveNextIrp(ext.csq, file)) != null) {
            IoReleaseRemoveLock(ext.removeLock, queued);
            complete(queued, status, 0);
        }
    }

    /** Programs one transfer (under the device lock). */
    protected final void startTransfer(Extension ext, Irp irp) {
        int slot = 0;
        while (ext.inFlight[slot] != null) {
            slot++;
        }
        ext.inFlight[slot] = irp;
        ext.hardware.start(slot);
    }

    /** Copies the data between the request's buffer and the disk (nothing to copy without a buffer). */
    protected final void transfer(Extension ext, Irp irp) {
        IoStackLocation sp = IoGetCurrentIrpStackLocation(irp);
        byte[] buffer = irp.AssociatedIrp.SystemBuffer;
        ext.transfers++;
        if (buffer == null) {
            return;
        }
        if (sp.MajorFunction == IRP_MJ_READ) {
            int n = Math.min(sp.Parameters.Read.Length, buffer.length);
            System.arraycopy(ext.storage, (int) sp.Parameters.Read.ByteOffset, buffer, 0, n);
        } else {
            int n = Math.min(sp.Parameters.Write.Length, buffer.length);
            System.arraycopy(buffer, 0, ext.storage, (int) sp.Parameters.Write.ByteOffset, n);
        }
    }

    /** The ISR, at DIRQL: acknowledge the controller and defer the work to the DPC. */
    protected boolean InterruptService(KInterrupt interrupt, Object context) {
        Extension ext = (Extension) context;
        if (!ext.hardware.acknowledge()) {
            return false;
        }
        KeInsertQueueDpc(ext.dpc, null, null);
        return true;
    }

    /** The DPC, at DISPATCH_LEVEL: collect finished transfers under the lock, complete them, start more. */
    protected void DpcForIsr(Kdpc dpc, Object context, Object a1, Object a2) {
        Extension ext = (Extension) context;
        KeAcquireSpinLockAtDpcLevel(ext.deviceLock);
        while (ext.hardware.hasDone()) {
            int slot = (int) ext.hardware.takeDone();
            Irp irp = ext.inFlight[slot];
            ext.inFlight[slot] = null;
            ext.done.InsertTailList(irp);
        }
        KeReleaseSpinLockFromDpcLevel(ext.deviceLock);
        Irp irp;
        while ((irp = ext.done.RemoveHeadList()) != null) {
            completeTransfer(ext, irp);
        }
        startTransfers(ext);
    }

    /** Finishes one transfer: copy the data, release the remove lock, complete with the byte count. */
    protected void completeTransfer(Extension ext, Irp irp) {
        transfer(ext, irp);
        IoStackLocation sp = IoGetCurrentIrpStackLocation(irp);
        int length = sp.MajorFunction == IRP_MJ_READ ? sp.Parameters.Read.Length : sp.Parameters.Write.Length;
        irp.IoStatus.Status = STATUS_SUCCESS;
        irp.IoStatus.Information = length;
        IoReleaseRemoveLock(ext.removeLock, irp);
        IoCompleteRequest(irp, IO_DISK_INCREMENT);
    }

    protected int DispatchCleanup(DeviceObject fdo, Irp irp) {
        Extension ext = ext(fdo);
        failQueued(ext, IoGetCurrentIrpStackLocation(irp).FileObject, STATUS_CANCELLED);
        return complete(irp, STATUS_SUCCESS, 0);
    }

    protected int DispatchDeviceControl(DeviceObject fdo, Irp irp) {
        Extension ext = ext(fdo);
        IoStackLocation sp = IoGetCurrentIrpStackLocation(irp);
        if (sp.Parameters.DeviceIoControl.IoControlCode == IOCTL_DISK_GET_LENGTH_INFO) {
            if (sp.Parameters.DeviceIoControl.OutputBufferLength < 8) {
                return complete(irp, STATUS_BUFFER_TOO_SMALL, 0);
            }
            byte[] out = irp.AssociatedIrp.SystemBuffer;
            if (out != null) {
                long v = ext.storage.length;
                for (int i = 0; i < 8 && i < out.length; i++) {
                    out[i] = (byte) (v >>> (8 * i));
                }
            }
            return complete(irp, STATUS_SUCCESS, 8);
        }
        IoSkipCurrentIrpStackLocation(irp);
        return IoCallDriver(ext.lower, irp);
    }

    protected int DispatchPower(DeviceObject fdo, Irp irp) {
        IoSkipCurrentIrpStackLocation(irp);
        return IoCallDriver(ext(fdo).lower, irp);
    }

    protected int DispatchPnp(DeviceObject fdo, Irp irp) {
        Extension ext = ext(fdo);
        int status = IoAcquireRemoveLock(ext.removeLock, irp);
        if (!NT_SUCCESS(status)) {
            return complete(irp, status, 0);
        }
        switch (IoGetCurrentIrpStackLocation(irp).MinorFunction) {
            case IRP_MN_START_DEVICE -> {
                IoForwardIrpSynchronously(ext.lower, irp);
                status = irp.IoStatus.Status;
                if (NT_SUCCESS(status)) {
                    status = start(fdo, ext, irp);
                }
                IoReleaseRemoveLock(ext.removeLock, irp);
                return complete(irp, status, 0);
            }
            case IRP_MN_REMOVE_DEVICE -> {
                ext.started = false;
                failQueued(ext, null, STATUS_DELETE_PENDING);
                IoReleaseRemoveLockAndWait(ext.removeLock, irp);
                irp.IoStatus.Status = STATUS_SUCCESS;
                IoSkipCurrentIrpStackLocation(irp);
                status = IoCallDriver(ext.lower, irp);
                IoDetachDevice(ext.lower);
                IoDeleteDevice(fdo);
                return status;
            }
            default -> {
                IoSkipCurrentIrpStackLocation(irp);
                status = IoCallDriver(ext.lower, irp);
                IoReleaseRemoveLock(ext.removeLock, irp);
                return status;
            }
        }
    }

    /** Connects the controller the bus gave us (if any). */
    protected int start(DeviceObject fdo, Extension ext, Irp irp) {
        Object resources = IoGetCurrentIrpStackLocation(irp).Parameters.Others.Argument1;
        if (resources instanceof SimulatedDevice hw) {
            ext.hardware = hw;
            ext.inFlight = new Irp[hw.channels()];
            ext.dpc = KeInitializeDpc(this::DpcForIsr, ext);
            ext.interrupt = IoConnectInterrupt(fdo, hw, this::InterruptService, ext, DEVICE_IRQL);
        }
        ext.started = true;
        return STATUS_SUCCESS;
    }
}
