package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.RamDiskClassicQueue;
import org.sysmodels.irp.model.io.Irp;

/**
 * After completing a transfer it arms the cancel routine "for the next request", on the wrong variable: the IRP it
 * has just completed. A cancel that arrives before the I/O manager has finished that IRP finds the routine.
 */
public class SetsCancelRoutineAfterCompleting extends RamDiskClassicQueue {

    @Override
    protected void completeTransfer(Extension ext, Irp irp) {
        super.completeTransfer(ext, irp);
        IoSetCancelRoutine(irp, cancelQueued);
    }
}
