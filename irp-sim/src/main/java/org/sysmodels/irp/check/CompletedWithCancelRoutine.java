package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.RoutineFrame;

/** Driver Verifier 0xC9/0x07: IoCompleteRequest while the IRP's cancel routine is still set. */
public final class CompletedWithCancelRoutine extends VerifierCheck {

    public static final Rule RULE = new Rule("iomanager-cancel-routine-set",
            "a driver clears its cancel routine (IoSetCancelRoutine(Irp, NULL)) before it completes the IRP: Driver "
                    + "Verifier bug checks 0xC9 DRIVER_VERIFIER_IOMANAGER_VIOLATION (0x07, the cancel routine, the "
                    + "IRP, 0)",
            "WDK Bug Check 0xC9, parameter 1 = 0x07; ReactOS irp.c IofCompleteRequest asserts !Irp->CancelRoutine");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void onCompleteRequest(RoutineFrame caller, Irp irp) {
        if (irp.CancelRoutine() != null) {
            violation(new Stop.BugCheck(Stop.BugCheck.DRIVER_VERIFIER_IOMANAGER_VIOLATION, 0x07,
                    kernel().routineAddress(irp.CancelRoutine()), irp.address(), 0),
                    who(caller) + " completed " + irp(irp) + " with its cancel routine still set: a later "
                            + "IoCancelIrp would call it on a completed (perhaps reused) IRP");
        }
    }
}
