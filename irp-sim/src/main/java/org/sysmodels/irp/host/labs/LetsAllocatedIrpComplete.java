package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.IoctlFilter;
import org.sysmodels.irp.host.drivers.RootBus;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.IoStackLocation;
import org.sysmodels.irp.model.io.Irp;

/**
 * Before forwarding a device-control request it asks the bus for the device's slot with an IRP of its own
 * (IoAllocateIrp), whose completion routine lets completion continue instead of freeing the IRP.
 */
public class LetsAllocatedIrpComplete extends IoctlFilter {

    @Override
    protected int forward(DeviceObject device, Irp irp) {
        DeviceObject lower = lower(device);
        Irp query = IoAllocateIrp(lower.StackSize(), false);
        IoStackLocation next = IoGetNextIrpStackLocation(query);
        next.MajorFunction = IRP_MJ_DEVICE_CONTROL;
        next.Parameters.DeviceIoControl.IoControlCode = RootBus.IOCTL_BUS_QUERY_SLOT;
        IoSetCompletionRoutine(query, (d, i, c) -> STATUS_CONTINUE_COMPLETION, null, true, true, true);
        IoCallDriver(lower, query);
        return super.forward(device, irp);
    }
}
