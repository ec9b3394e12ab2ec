package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.RamDisk;
import org.sysmodels.irp.model.io.IoStackLocation;
import org.sysmodels.irp.model.io.Irp;

/** Completes each transfer with the status its dispatch routine returned, STATUS_PENDING, as the final status. */
public class CompletesWithStatusPending extends RamDisk {

    @Override
    protected void completeTransfer(Extension ext, Irp irp) {
        transfer(ext, irp);
        IoStackLocation sp = IoGetCurrentIrpStackLocation(irp);
        irp.IoStatus.Status = STATUS_PENDING;
        irp.IoStatus.Information = sp.Parameters.Read.Length;
        IoReleaseRemoveLock(ext.removeLock, irp);
        IoCompleteRequest(irp, IO_DISK_INCREMENT);
    }
}
