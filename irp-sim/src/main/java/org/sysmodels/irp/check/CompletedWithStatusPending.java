package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.RoutineFrame;

/** Driver Verifier 0xC9/0x06: IoCompleteRequest with IoStatus.Status = STATUS_PENDING (or -1). */
public final class CompletedWithStatusPending extends VerifierCheck {

    public static final Rule RULE = new Rule("iomanager-pending-status-completion",
            "an IRP is completed with its final status, never STATUS_PENDING: Driver Verifier bug checks 0xC9 "
                    + "DRIVER_VERIFIER_IOMANAGER_VIOLATION (0x06, the status, the IRP, 0)",
            "WDK Bug Check 0xC9, parameter 1 = 0x06; ReactOS irp.c IofCompleteRequest asserts the same");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void onCompleteRequest(RoutineFrame caller, Irp irp) {
        int s = irp.IoStatus.Status;
        if (s == NtStatus.STATUS_PENDING || s == -1) {
            violation(new Stop.BugCheck(Stop.BugCheck.DRIVER_VERIFIER_IOMANAGER_VIOLATION, 0x06, s & 0xffffffffL,
                    irp.address(), 0), who(caller) + " completed " + irp(irp) + " with IoStatus.Status = "
                    + NtStatus.describe(s) + ": STATUS_PENDING is what a dispatch routine returns, never a final "
                    + "status; set the real outcome before IoCompleteRequest");
        }
    }
}
