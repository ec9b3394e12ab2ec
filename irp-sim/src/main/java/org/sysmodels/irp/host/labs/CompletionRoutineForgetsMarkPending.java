package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.ReadPostProcessFilter;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;

/** Its completion routine post-processes the data and forgets "if (Irp->PendingReturned) IoMarkIrpPending(Irp)". */
public class CompletionRoutineForgetsMarkPending extends ReadPostProcessFilter {

    @Override
    protected int ReadCompletion(DeviceObject device, Irp irp, Object context) {
        postProcess(device, irp);
        return STATUS_CONTINUE_COMPLETION;
    }
}
