package org.sysmodels.irp.host.drivers;

import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.IoCompletionRoutine;
import org.sysmodels.irp.model.io.Irp;

/**
 * An upper filter that post-processes reads in a completion routine: it copies its stack location to the next, sets
 * a completion routine, and returns whatever IoCallDriver returned. When the read completes, the routine (at up to
 * DISPATCH_LEVEL, in whatever context completed it) looks at the data that came back, marks the IRP pending if a
 * lower driver pended it (Irp.PendingReturned), and lets completion go on. Every other request passes through.
 */
public class ReadPostProcessFilter extends FilterDriver {

    /** The filter's extension: what it saw come back. */
    public static class Extension extends FilterDriver.Extension {
        public long readsCompleted;
        public long bytesRead;
        public long nonZeroBytes;
    }

    /** Allocated once: a method reference made per IRP would allocate. */
    protected final IoCompletionRoutine readDone = this::ReadCompletion;

    @Override
    protected void filterEntry(DriverObject driver) {
        driver.MajorFunction[IRP_MJ_READ] = this::DispatchRead;
    }

    @Override
    protected FilterDriver.Extension newExtension() {
        return new Extension();
    }

    protected int DispatchRead(DeviceObject device, Irp irp) {
        ext(device).seen[IRP_MJ_READ]++;
        IoCopyCurrentIrpStackLocationToNext(irp);
        IoSetCompletionRoutine(irp, readDone, null, true, true, true);
        return IoCallDriver(lower(device), irp);
    }

    protected int ReadCompletion(DeviceObject device, Irp irp, Object context) {
        if (irp.PendingReturned()) {
            IoMarkIrpPending(irp);
        }
        postProcess(device, irp);
        return STATUS_CONTINUE_COMPLETION;
    }

    /** Counts what came back: the bytes read and how many of them are not zero. */
    protected final void postProcess(DeviceObject device, Irp irp) {
        Extension ext = (Extension) device.DeviceExtension;
        ext.readsCompleted++;
        if (NT_SUCCESS(irp.IoStatus.Status)) {
            ext.bytesRead += irp.IoStatus.Information;
            byte[] data = irp.AssociatedIrp.SystemBuffer;
            if (data != null) {
                int n = (int) Math.min(irp.IoStatus.Information, data.length);
                for (int i = 0; i < n; i += 64) {
                    if (data[i] != 0) {
                        ext.nonZeroBytes++;
                    }
                }
            }
        }
    }
}
