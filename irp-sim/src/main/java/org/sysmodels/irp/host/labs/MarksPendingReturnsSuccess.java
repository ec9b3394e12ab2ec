package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.RamDisk;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;

/** Queues the IRP in the cancel-safe queue (which marks it pending) and returns STATUS_SUCCESS. */
public class MarksPendingReturnsSuccess extends RamDisk {

    @Override
    protected int queueRequest(DeviceObject fdo, Irp irp) {
        Extension ext = ext(fdo);
        IoCsqInsertIrp(ext.csq, irp, null);
        startTransfers(ext);
        return STATUS_SUCCESS;
    }
}
