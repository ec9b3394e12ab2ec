package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;

/** Driver Verifier 0xC9/0x05: a dispatch routine returned at another IRQL than it was called at. */
public final class IrqlChangedAcrossDispatch extends VerifierCheck {

    public static final Rule RULE = new Rule("iomanager-irql-changed",
            "a dispatch routine returns at the IRQL it was called at: Driver Verifier's I/O verification bug checks "
                    + "0xC9 DRIVER_VERIFIER_IOMANAGER_VIOLATION (0x05, the device object, IRQL before, IRQL after)",
            "WDK Bug Check 0xC9 DRIVER_VERIFIER_IOMANAGER_VIOLATION, parameter 1 = 0x05");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public int exitKinds() {
        return IrpCheck.kind(RoutineKind.DISPATCH);
    }

    @Override
    public void onRoutineExit(RoutineFrame frame, int status) {
        if (frame.kind() != RoutineKind.DISPATCH) {
            return;
        }
        int now = kernel().KeGetCurrentIrql();
        if (now != frame.irqlAtEntry()) {
            violation(new Stop.BugCheck(Stop.BugCheck.DRIVER_VERIFIER_IOMANAGER_VIOLATION, 0x05,
                    frame.device().address(), frame.irqlAtEntry(), now),
                    who(frame) + " was called at " + Irql.name(frame.irqlAtEntry()) + " and returned at "
                            + Irql.name(now) + ": every KeRaiseIrql or KeAcquireSpinLock needs its KeLowerIrql or "
                            + "KeReleaseSpinLock on every path out of the routine");
        }
    }
}
