package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.IoctlFilter;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.IrpList;

/**
 * Parks device-control requests "until the device is less busy" (marked pending, returned STATUS_PENDING, put on a
 * list) and never takes them off the list again.
 */
public class DropsIrpOnBusyPath extends IoctlFilter {

    private final IrpList parked = new IrpList();

    @Override
    protected int forward(DeviceObject device, Irp irp) {
        IoMarkIrpPending(irp);
        parked.InsertTailList(irp);
        return STATUS_PENDING;
    }
}
