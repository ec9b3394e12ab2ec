package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.FilterDriver;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.Irp;

/** A filter of the second (volume) stack that takes a stack location of its own for every request it passes on. */
public class VolumeFilter extends FilterDriver {

    @Override
    protected void filterEntry(DriverObject driver) {
        // PassThrough below copies instead of skipping.
    }

    @Override
    protected int PassThrough(DeviceObject device, Irp irp) {
        ext(device).seen[IoGetCurrentIrpStackLocation(irp).MajorFunction]++;
        IoCopyCurrentIrpStackLocationToNext(irp);
        return IoCallDriver(lower(device), irp);
    }
}
