package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.RamDisk;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.ke.KInterrupt;

/** Its ISR completes the finished transfers itself "to save the DPC's latency". */
public class CompletesInIsr extends RamDisk {

    @Override
    protected boolean InterruptService(KInterrupt interrupt, Object context) {
        Extension ext = (Extension) context;
        if (!ext.hardware.acknowledge()) {
            return false;
        }
        while (ext.hardware.hasDone()) {
            int slot = (int) ext.hardware.takeDone();
            Irp irp = ext.inFlight[slot];
            ext.inFlight[slot] = null;
            completeTransfer(ext, irp);
        }
        KeInsertQueueDpc(ext.dpc, null, null);
        return true;
    }
}
