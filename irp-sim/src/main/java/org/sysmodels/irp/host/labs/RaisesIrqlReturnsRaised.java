package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.CountingFilter;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;

/** Raises to DISPATCH_LEVEL to update its counters, and on the device-control path forgets to lower it again. */
public class RaisesIrqlReturnsRaised extends CountingFilter {

    @Override
    protected int PassThrough(DeviceObject device, Irp irp) {
        int old = KeRaiseIrql(DISPATCH_LEVEL);
        int major = IoGetCurrentIrpStackLocation(irp).MajorFunction;
        ext(device).seen[major]++;
        IoSkipCurrentIrpStackLocation(irp);
        int status = IoCallDriver(lower(device), irp);
        if (major != IRP_MJ_DEVICE_CONTROL) {
            KeLowerIrql(old);
        }
        return status;
    }
}
