package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;

/** SDV MarkIrpPending: a dispatch routine that called IoMarkIrpPending returns STATUS_PENDING. */
public final class MarkIrpPending extends VerifierCheck {

    public static final Rule RULE = new Rule("mark-irp-pending",
            "whenever a dispatch routine calls IoMarkIrpPending, it returns STATUS_PENDING (Static Driver Verifier "
                    + "rule MarkIrpPending)",
            "WDK Static Driver Verifier rule MarkIrpPending (wdm); WDK IoMarkIrpPending remarks");

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
        if (f.kind() == RoutineKind.DISPATCH && f.did(RoutineFrame.MARKED_PENDING)
                && status != NtStatus.STATUS_PENDING) {
            violation(new Stop.SdvRule("MarkIrpPending"), who(f) + " called IoMarkIrpPending and returned "
                    + NtStatus.describe(status) + ": the caller now treats the request as finished while the "
                    + "I/O manager will also run its completion APC; return STATUS_PENDING");
        }
    }
}
