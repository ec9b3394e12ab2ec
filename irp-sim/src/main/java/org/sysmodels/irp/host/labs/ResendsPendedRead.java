package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.ReadPostProcessFilter;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;

/** Takes STATUS_PENDING from the disk for "busy, try again" and sends the read down a second time. */
public class ResendsPendedRead extends ReadPostProcessFilter {

    @Override
    protected int DispatchRead(DeviceObject device, Irp irp) {
        ext(device).seen[IRP_MJ_READ]++;
        IoCopyCurrentIrpStackLocationToNext(irp);
        IoSetCompletionRoutine(irp, readDone, null, true, true, true);
        int status = IoCallDriver(lower(device), irp);
        if (status == STATUS_PENDING) {
            IoCopyCurrentIrpStackLocationToNext(irp);
            IoSetCompletionRoutine(irp, readDone, null, true, true, true);
            status = IoCallDriver(lower(device), irp);
        }
        return status;
    }
}
