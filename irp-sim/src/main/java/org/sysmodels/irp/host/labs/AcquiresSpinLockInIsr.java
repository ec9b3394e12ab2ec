package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.RamDisk;
import org.sysmodels.irp.model.ke.KInterrupt;

/** Its ISR takes the device lock (an ordinary spin lock) to look at the transfers in flight. */
public class AcquiresSpinLockInIsr extends RamDisk {

    @Override
    protected boolean InterruptService(KInterrupt interrupt, Object context) {
        Extension ext = (Extension) context;
        int irql = KeAcquireSpinLock(ext.deviceLock);
        boolean mine = ext.hardware.acknowledge();
        KeReleaseSpinLock(ext.deviceLock, irql);
        if (mine) {
            KeInsertQueueDpc(ext.dpc, null, null);
        }
        return mine;
    }
}
