package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.RamDisk;
import org.sysmodels.irp.host.drivers.RootBus;
import org.sysmodels.irp.model.io.IoStackLocation;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.ke.KInterrupt;

/** Its ISR asks the bus driver below which slot interrupted, by sending it an IRP right there, at DIRQL. */
public class CallsDriverFromIsr extends RamDisk {

    @Override
    protected boolean InterruptService(KInterrupt interrupt, Object context) {
        Extension ext = (Extension) context;
        if (!ext.hardware.acknowledge()) {
            return false;
        }
        Irp query = IoAllocateIrp(ext.lower.StackSize(), false);
        IoStackLocation next = IoGetNextIrpStackLocation(query);
        next.MajorFunction = IRP_MJ_INTERNAL_DEVICE_CONTROL;
        next.Parameters.DeviceIoControl.IoControlCode = RootBus.IOCTL_BUS_QUERY_SLOT;
        IoSetCompletionRoutine(query, (d, i, c) -> {
            IoFreeIrp(i);
            return STATUS_MORE_PROCESSING_REQUIRED;
        }, null, true, true, true);
        IoCallDriver(ext.lower, query);
        KeInsertQueueDpc(ext.dpc, null, null);
        return true;
    }
}
