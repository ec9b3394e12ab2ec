package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.IoctlFilter;
import org.sysmodels.irp.host.drivers.RamDisk;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;

/**
 * Answers length queries from the volume's stack instead, by sending the very IRP it received into that (deeper)
 * stack: the IRP has stack locations for its own stack only.
 */
public class SendsIrpIntoDeeperStack extends IoctlFilter implements NeedsOtherStack {

    private DeviceObject volume;

    @Override
    public void setOtherStack(DeviceObject top) {
        volume = top;
    }

    @Override
    protected int forward(DeviceObject device, Irp irp) {
        if (volume != null && IoGetCurrentIrpStackLocation(irp).Parameters.DeviceIoControl.IoControlCode
                == RamDisk.IOCTL_DISK_GET_LENGTH_INFO) {
            IoCopyCurrentIrpStackLocationToNext(irp);
            return IoCallDriver(volume, irp);
        }
        return super.forward(device, irp);
    }
}
