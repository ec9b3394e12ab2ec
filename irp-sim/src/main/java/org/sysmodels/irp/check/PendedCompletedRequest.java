package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;

/**
 * SDV PendedCompletedRequest: no STATUS_PENDING return after completing the incoming IRP. The simulator accepts the
 * one combination the IoMarkIrpPending documentation allows (marked pending first, then completed, then
 * STATUS_PENDING returned).
 */
public final class PendedCompletedRequest extends VerifierCheck {

    public static final Rule RULE = new Rule("pended-completed-request",
            "a dispatch routine does not return STATUS_PENDING on an IRP it has completed with IoCompleteRequest "
                    + "(Static Driver Verifier rule PendedCompletedRequest), unless it marked the IRP pending first",
            "WDK Static Driver Verifier rule PendedCompletedRequest (wdm); WDK IoMarkIrpPending remarks");

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
        if (f.kind() == RoutineKind.DISPATCH && status == NtStatus.STATUS_PENDING && f.did(RoutineFrame.COMPLETED)
                && !f.did(RoutineFrame.MARKED_BEFORE_COMPLETE)) {
            violation(new Stop.SdvRule("PendedCompletedRequest"), who(f) + " completed its IRP and then returned "
                    + "STATUS_PENDING: the IRP may already be freed and reused, and the caller waits for a "
                    + "completion that has come and gone; return the status the IRP was completed with");
        }
    }
}
