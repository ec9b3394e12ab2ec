package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.ReadPostProcessFilter;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;

/** Sends the read down and returns STATUS_SUCCESS whatever IoCallDriver said. */
public class ReturnsWrongStatusAfterCallDriver extends ReadPostProcessFilter {

    @Override
    protected int DispatchRead(DeviceObject device, Irp irp) {
        IoCopyCurrentIrpStackLocationToNext(irp);
        IoSetCompletionRoutine(irp, readDone, null, true, true, true);
        IoCallDriver(lower(device), irp);
        return STATUS_SUCCESS;
    }
}
