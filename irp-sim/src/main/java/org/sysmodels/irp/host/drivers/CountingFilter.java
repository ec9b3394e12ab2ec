package org.sysmodels.irp.host.drivers;

import org.sysmodels.irp.model.io.DriverObject;

/**
 * The smallest useful filter: it counts every IRP that passes through it, by major function, and forwards each one
 * with IoSkipCurrentIrpStackLocation: no stack location of its own, no completion routine, the status of the driver
 * below returned as it is. Installed as a lower filter (between the PDO and the function driver) it sees PnP, power
 * and the requests the function driver sends down.
 */
public class CountingFilter extends FilterDriver {

    @Override
    protected void filterEntry(DriverObject driver) {
        // Every major function is FilterDriver.PassThrough, which counts.
    }
}
