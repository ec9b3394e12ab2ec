package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.ReadPostProcessFilter;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;

/**
 * Its completion routine counts into the per-IRP context it expects, but DispatchRead passes NULL as
 * IoSetCompletionRoutine's Context (the base filter's call, unchanged): the routine dereferences NULL, at
 * DISPATCH_LEVEL when the RAM disk completes from its DPC.
 */
public class UsesNullCompletionContext extends ReadPostProcessFilter {

    /** What the routine expects as its Context: one per IRP. */
    static final class ReadContext {
        long bytes;
    }

    @Override
    protected int ReadCompletion(DeviceObject device, Irp irp, Object context) {
        if (irp.PendingReturned()) {
            IoMarkIrpPending(irp);
        }
        ReadContext c = (ReadContext) context;
        c.bytes += irp.IoStatus.Information;
        postProcess(device, irp);
        return STATUS_CONTINUE_COMPLETION;
    }
}
