package org.sysmodels.irp.model.io;

import java.util.List;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.ke.KEvent;

/**
 * The Plug and Play manager's part in building and tearing down a device stack: load each driver (DriverEntry), call
 * AddDevice bottom-up on the device's PDO (lower filters, the function driver, upper filters), then send
 * IRP_MN_START_DEVICE to the top of the stack with the device's resources and wait for it; at the end
 * IRP_MN_REMOVE_DEVICE. PnP IRPs start with IoStatus.Status = STATUS_NOT_SUPPORTED, which a driver that does not handle
 * the minor function passes on unchanged. Call these in a system thread at PASSIVE_LEVEL
 * ({@link Kernel#runThread}).
 */
public final class PnpManager {

    private final Kernel kernel;
    private final IoManager io;

    public PnpManager(Kernel kernel) {
        this.kernel = kernel;
        this.io = kernel.io();
    }

    /** Creates the driver object and runs DriverEntry. */
    public DriverObject loadDriver(String name, Object implementation, DriverInitialize entry) {
        DriverObject d = io.devices().createDriverObject(name, implementation);
        int status = io.devices().callDriverEntry(d, entry);
        if (!NtStatus.isSuccess(status)) {
            throw new DeviceNotStarted(DeviceNotStarted.Problem.DRIVER_ENTRY, name, status);
        }
        return d;
    }

    /** Calls AddDevice of each driver, bottom up, on {@code pdo}. @return the top of the stack */
    public DeviceObject addDevice(DeviceObject pdo, List<DriverObject> bottomUp) {
        for (DriverObject d : bottomUp) {
            int status = io.devices().callAddDevice(d, pdo);
            if (!NtStatus.isSuccess(status)) {
                throw new DeviceNotStarted(DeviceNotStarted.Problem.ADD_DEVICE, d.DriverName, status);
            }
        }
        return io.devices().IoGetAttachedDevice(pdo);
    }

    /** Sends IRP_MN_START_DEVICE with {@code resources} in Parameters.Others.Argument1. @return the final status */
    public int startDevice(DeviceObject pdo, Object resources) {
        return send(pdo, IrpMinor.IRP_MN_START_DEVICE, resources);
    }

    /** Sends IRP_MN_REMOVE_DEVICE. @return the final status */
    public int removeDevice(DeviceObject pdo) {
        return send(pdo, IrpMinor.IRP_MN_REMOVE_DEVICE, null);
    }

    /** IopSynchronousCall: one PnP IRP to the top of the stack, waited for. */
    public int send(DeviceObject pdo, int minor, Object argument1) {
        DeviceObject top = io.devices().IoGetAttachedDevice(pdo);
        KEvent event = new KEvent(KEvent.Type.NotificationEvent, false);
        IoStatusBlock iosb = new IoStatusBlock();
        Irp irp = io.IoBuildSynchronousFsdRequest(IrpMajor.IRP_MJ_PNP, top, null, 0, 0, event, iosb);
        irp.IoStatus.Status = NtStatus.STATUS_NOT_SUPPORTED;
        IoStackLocation sp = io.IoGetNextIrpStackLocation(irp);
        sp.MinorFunction = minor;
        sp.Parameters.Others.Argument1 = argument1;
        int status = io.IoCallDriver(top, irp);
        if (status == NtStatus.STATUS_PENDING) {
            kernel.KeWaitForSingleObject(event, null);
            return iosb.Status;
        }
        return status;
    }
}
