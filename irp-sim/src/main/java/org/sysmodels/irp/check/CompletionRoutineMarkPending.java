package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.io.IoStackLocation;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;

/**
 * A completion routine must propagate pending: if Irp.PendingReturned is set, it calls IoMarkIrpPending (unless it
 * returns STATUS_MORE_PROCESSING_REQUIRED). When it forgets, the walk carries on with the driver's own location not
 * marked, so the levels above, and finally the I/O manager, believe the request completed synchronously although
 * STATUS_PENDING was returned: no completion APC for a synchronous request, and the caller hangs. The rule does not
 * apply at the top location of an IRP the driver made itself (an associated IRP, or one from IoAllocateIrp): nobody
 * above reads that bit.
 */
public final class CompletionRoutineMarkPending extends VerifierCheck {

    public static final Rule RULE = new Rule("completion-routine-mark-pending",
            "a completion routine that does not return STATUS_MORE_PROCESSING_REQUIRED checks Irp->PendingReturned "
                    + "and, if it is set, calls IoMarkIrpPending",
            "WDK IoMarkIrpPending remarks; WDK \"Implementing an IoCompletion Routine\"");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public int exitKinds() {
        return IrpCheck.kind(RoutineKind.COMPLETION);
    }

    @Override
    public void onRoutineExit(RoutineFrame f, int status) {
        if (f.kind() != RoutineKind.COMPLETION || status == NtStatus.STATUS_MORE_PROCESSING_REQUIRED) {
            return;
        }
        Irp irp = f.irp();
        if (!irp.inUse() || !irp.PendingReturned() || irp.CurrentLocation() > irp.StackCount()
                || irp.CurrentLocation() != f.locationAtEntry()) {
            return;
        }
        boolean ownIrp = (irp.Flags() & Irp.IRP_ASSOCIATED_IRP) != 0 || irp.Thread() == null;
        if (ownIrp && irp.CurrentLocation() == irp.StackCount()) {
            return;
        }
        if ((irp.location(irp.CurrentLocation()).Control() & IoStackLocation.SL_PENDING_RETURNED) == 0) {
            violation(new Stop.WdkRule("completion routine did not propagate pending"), who(f) + " ran with "
                    + "PendingReturned set and did not call IoMarkIrpPending: the levels above will see the IRP as "
                    + "completed synchronously although STATUS_PENDING was returned to them; add "
                    + "if (Irp.PendingReturned()) IoMarkIrpPending(Irp)");
        }
    }
}
