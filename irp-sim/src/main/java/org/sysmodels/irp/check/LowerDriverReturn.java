package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;

/** SDV LowerDriverReturn: after IoCallDriver, return what it returned (unless completing or pending the IRP). */
public final class LowerDriverReturn extends VerifierCheck {

    public static final Rule RULE = new Rule("lower-driver-return",
            "after calling a lower driver with IoCallDriver, a dispatch routine returns the status it received, "
                    + "unless it calls IoCompleteRequest or IoMarkIrpPending (Static Driver Verifier rule "
                    + "LowerDriverReturn)",
            "WDK Static Driver Verifier rule LowerDriverReturn (wdm)");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public int exitKinds() {
        return IrpCheck.kind(RoutineKind.DISPATCH);
    }

    @Override
    public void onRoutineExit(RoutineFrame f, int status) {
        if (f.kind() == RoutineKind.DISPATCH && f.did(RoutineFrame.CALLED_DOWN)
                && !f.did(RoutineFrame.MARKED_PENDING) && !f.did(RoutineFrame.COMPLETED)
                && status != f.lowerStatus()) {
            violation(new Stop.SdvRule("LowerDriverReturn"), who(f) + " returned " + NtStatus.describe(status)
                    + " although IoCallDriver returned " + NtStatus.describe(f.lowerStatus())
                    + (f.lowerStatus() == NtStatus.STATUS_PENDING ? ": the caller believes the request is done "
                    + "while it is still in progress below" : "")
                    + "; return what IoCallDriver returned");
        }
    }
}
