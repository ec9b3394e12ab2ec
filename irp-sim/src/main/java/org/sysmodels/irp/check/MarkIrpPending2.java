package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;

/** SDV MarkIrpPending2: a dispatch routine returning STATUS_PENDING has marked the IRP or passed it down. */
public final class MarkIrpPending2 extends VerifierCheck {

    public static final Rule RULE = new Rule("mark-irp-pending-2",
            "if a dispatch routine returns STATUS_PENDING, it has called IoMarkIrpPending or passed the IRP to the "
                    + "lower driver (Static Driver Verifier rule MarkIrpPending2)",
            "WDK Static Driver Verifier rule MarkIrpPending2 (wdm); WDK IoMarkIrpPending remarks");

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
        if (f.kind() == RoutineKind.DISPATCH && status == NtStatus.STATUS_PENDING
                && !f.did(RoutineFrame.MARKED_PENDING) && !f.did(RoutineFrame.CALLED_DOWN)) {
            violation(new Stop.SdvRule("MarkIrpPending2"), who(f) + " returned STATUS_PENDING without "
                    + "IoMarkIrpPending: when the IRP completes, PendingReturned is FALSE all the way up, the I/O "
                    + "manager queues no completion APC for a synchronous request, and the caller waits forever; "
                    + "call IoMarkIrpPending before the IRP can be completed elsewhere");
        }
    }
}
