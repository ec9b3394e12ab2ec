package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.RamDisk;
import org.sysmodels.irp.model.ke.KEvent;
import org.sysmodels.irp.model.ke.Kdpc;

/** Its DPC waits for the controller's write cache to flush before completing anything. */
public class WaitsAtDispatch extends RamDisk {

    private KEvent flushed;

    @Override
    protected void DpcForIsr(Kdpc dpc, Object context, Object a1, Object a2) {
        if (flushed == null) {
            flushed = KeInitializeEvent(NotificationEvent, false);
        }
        KeWaitForSingleObject(flushed, null);
        super.DpcForIsr(dpc, context, a1, a2);
    }
}
