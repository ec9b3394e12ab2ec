package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.CountingFilter;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.IoCompletionRoutine;
import org.sysmodels.irp.model.io.Irp;

/** Wants to count completions too, and sets a completion routine after skipping its stack location. */
public class SetsCompletionRoutineAfterSkip extends CountingFilter {

    private long completions;
    private final IoCompletionRoutine counted = (d, irp, c) -> {
        completions++;
        if (irp.PendingReturned()) {
            IoMarkIrpPending(irp);
        }
        return STATUS_CONTINUE_COMPLETION;
    };

    @Override
    protected int PassThrough(DeviceObject device, Irp irp) {
        ext(device).seen[IoGetCurrentIrpStackLocation(irp).MajorFunction]++;
        IoSkipCurrentIrpStackLocation(irp);
        IoSetCompletionRoutine(irp, counted, null, true, true, true);
        return IoCallDriver(lower(device), irp);
    }
}
