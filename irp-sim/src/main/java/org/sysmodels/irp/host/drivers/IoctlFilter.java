package org.sysmodels.irp.host.drivers;

import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.IoStackLocation;
import org.sysmodels.irp.model.io.Irp;

/**
 * A filter that answers some device-control requests itself and passes the rest down. IOCTL_FILTER_GET_STATS is its
 * own (it completes it with the number of requests it has seen); a request with an input buffer larger than the
 * device accepts is failed here with STATUS_INVALID_PARAMETER before it reaches the function driver; everything else
 * goes down with skip. A driver that completes an IRP returns the status it completed it with.
 */
public class IoctlFilter extends FilterDriver {

    /** The filter's own IOCTL. */
    public static final int IOCTL_FILTER_GET_STATS = CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED,
            FILE_ANY_ACCESS);
    /** The largest input buffer passed down. */
    public static final int MAX_INPUT = 4096;

    @Override
    protected void filterEntry(DriverObject driver) {
        driver.MajorFunction[IRP_MJ_DEVICE_CONTROL] = this::DispatchDeviceControl;
    }

    protected int DispatchDeviceControl(DeviceObject device, Irp irp) {
        Extension ext = ext(device);
        ext.seen[IRP_MJ_DEVICE_CONTROL]++;
        IoStackLocation sp = IoGetCurrentIrpStackLocation(irp);
        int code = sp.Parameters.DeviceIoControl.IoControlCode;
        if (code == IOCTL_FILTER_GET_STATS) {
            long total = 0;
            for (long n : ext.seen) {
                total += n;
            }
            irp.IoStatus.Status = STATUS_SUCCESS;
            irp.IoStatus.Information = total;
            IoCompleteRequest(irp, IO_NO_INCREMENT);
            return STATUS_SUCCESS;
        }
        if (sp.Parameters.DeviceIoControl.InputBufferLength > MAX_INPUT) {
            irp.IoStatus.Status = STATUS_INVALID_PARAMETER;
            irp.IoStatus.Information = 0;
            IoCompleteRequest(irp, IO_NO_INCREMENT);
            return STATUS_INVALID_PARAMETER;
        }
        return forward(device, irp);
    }

    /** Passes a request down unchanged. */
    protected int forward(DeviceObject device, Irp irp) {
        IoSkipCurrentIrpStackLocation(irp);
        return IoCallDriver(lower(device), irp);
    }
}
