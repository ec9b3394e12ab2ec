package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.RoutineFrame;

/** Driver Verifier 0xC9/0x0E: IoCompleteRequest above DISPATCH_LEVEL (from an ISR). */
public final class CompleteAboveDispatch extends VerifierCheck {

    public static final Rule RULE = new Rule("iomanager-complete-above-dispatch",
            "IoCompleteRequest is called at IRQL <= DISPATCH_LEVEL: above it Driver Verifier bug checks 0xC9 "
                    + "DRIVER_VERIFIER_IOMANAGER_VIOLATION (0x0E, the current IRQL, the IRP, 0)",
            "WDK Bug Check 0xC9, parameter 1 = 0x0E; WDK IoCompleteRequest (IRQL <= DISPATCH_LEVEL)");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void onCompleteRequest(RoutineFrame caller, Irp irp) {
        int irql = kernel().KeGetCurrentIrql();
        if (irql > Irql.DISPATCH_LEVEL) {
            violation(new Stop.BugCheck(Stop.BugCheck.DRIVER_VERIFIER_IOMANAGER_VIOLATION, 0x0E, irql,
                    irp.address(), 0), who(caller) + " completed " + irp(irp) + " at " + Irql.name(irql)
                    + ": completion routines would run at device IRQL; complete from the DPC the ISR queues");
        }
    }
}
