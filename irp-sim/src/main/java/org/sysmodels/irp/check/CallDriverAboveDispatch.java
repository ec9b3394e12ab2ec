package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.RoutineFrame;

/** Driver Verifier 0xC9/0x10: IoCallDriver above DISPATCH_LEVEL (from an ISR). */
public final class CallDriverAboveDispatch extends VerifierCheck {

    public static final Rule RULE = new Rule("iomanager-call-above-dispatch",
            "IoCallDriver is called at IRQL <= DISPATCH_LEVEL: above it Driver Verifier bug checks 0xC9 "
                    + "DRIVER_VERIFIER_IOMANAGER_VIOLATION (0x10, the current IRQL, 0, 0)",
            "WDK Bug Check 0xC9, parameter 1 = 0x10; WDK IoCallDriver (IRQL <= DISPATCH_LEVEL)");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void onCallDriver(RoutineFrame caller, DeviceObject target, Irp irp) {
        int irql = kernel().KeGetCurrentIrql();
        if (irql > Irql.DISPATCH_LEVEL) {
            violation(new Stop.BugCheck(Stop.BugCheck.DRIVER_VERIFIER_IOMANAGER_VIOLATION, 0x10, irql, 0, 0),
                    who(caller) + " called IoCallDriver for " + irp(irp) + " at " + Irql.name(irql)
                            + ": an ISR only acknowledges the device and queues a DPC; send IRPs from the DPC");
        }
    }
}
