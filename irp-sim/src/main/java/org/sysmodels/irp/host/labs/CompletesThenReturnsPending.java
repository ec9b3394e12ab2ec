package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.RamDisk;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;

/**
 * Its device-control routine keeps one status variable, initialized to STATUS_PENDING for the queued cases, and the
 * path that answers at once completes the IRP but still returns that variable.
 */
public class CompletesThenReturnsPending extends RamDisk {

    @Override
    protected int DispatchDeviceControl(DeviceObject fdo, Irp irp) {
        int status = STATUS_PENDING;
        if (IoGetCurrentIrpStackLocation(irp).Parameters.DeviceIoControl.IoControlCode
                == IOCTL_DISK_GET_LENGTH_INFO) {
            irp.IoStatus.Status = STATUS_SUCCESS;
            irp.IoStatus.Information = 8;
            IoCompleteRequest(irp, IO_NO_INCREMENT);
            return status;
        }
        return super.DispatchDeviceControl(fdo, irp);
    }
}
