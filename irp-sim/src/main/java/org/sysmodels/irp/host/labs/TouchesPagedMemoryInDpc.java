package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.RamDisk;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.PoolBlock;
import org.sysmodels.irp.model.ke.Kdpc;

/** Keeps its per-disk statistics in paged pool and updates them in the DPC. */
public class TouchesPagedMemoryInDpc extends RamDisk {

    private PoolBlock statistics;

    @Override
    protected int start(DeviceObject fdo, Extension ext, Irp irp) {
        statistics = ExAllocatePool2(POOL_FLAG_PAGED, 64, 0x74617453);
        return super.start(fdo, ext, irp);
    }

    @Override
    protected void DpcForIsr(Kdpc dpc, Object context, Object a1, Object a2) {
        statistics.write(0, (byte) (statistics.read(0) + 1));
        super.DpcForIsr(dpc, context, a1, a2);
    }
}
