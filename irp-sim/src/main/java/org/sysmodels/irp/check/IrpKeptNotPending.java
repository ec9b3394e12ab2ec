package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;

/**
 * A dispatch routine that neither completes its IRP nor passes it down keeps it, and must then mark it pending and
 * return STATUS_PENDING; returning another status while keeping it lets the I/O manager finish and free an IRP the
 * driver still holds.
 */
public final class IrpKeptNotPending extends VerifierCheck {

    public static final Rule RULE = new Rule("irp-kept-not-pending",
            "unless a dispatch routine completes the IRP or passes it to a lower driver, it calls IoMarkIrpPending "
                    + "and returns STATUS_PENDING; otherwise the I/O manager completes the IRP as soon as the routine "
                    + "returns",
            "WDK IoMarkIrpPending remarks; Static Driver Verifier rule MarkingQueuedIrps (wdm)");

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
        if (f.kind() != RoutineKind.DISPATCH || status == NtStatus.STATUS_PENDING
                || f.did(RoutineFrame.CALLED_DOWN) || f.did(RoutineFrame.COMPLETED)
                || f.did(RoutineFrame.MARKED_PENDING)) {
            return;
        }
        Irp irp = f.irp();
        if (irp.inUse() && !irp.completed() && irp.CurrentLocation() == f.locationAtEntry()) {
            violation(new Stop.WdkRule("dispatch routine kept its IRP without marking it pending"), who(f)
                    + " returned " + NtStatus.describe(status) + " without completing " + irp(irp)
                    + " or passing it down: the I/O manager will finish and free it while the driver still holds "
                    + "it; mark it pending and return STATUS_PENDING, or complete it");
        }
    }
}
