package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.RoutineFrame;

/**
 * A completion routine set after IoSkipCurrentIrpStackLocation goes into the location the driver above owns, over
 * that driver's own completion routine, which then never runs. Windows raises nothing: the damage shows up later, as
 * an upper driver whose completion routine silently never ran.
 */
public final class CompletionRoutineAfterSkip extends VerifierCheck {

    public static final Rule RULE = new Rule("completion-routine-after-skip",
            "a driver that sets a completion routine calls IoCopyCurrentIrpStackLocationToNext, never "
                    + "IoSkipCurrentIrpStackLocation: after a skip, IoSetCompletionRoutine overwrites the completion "
                    + "routine of the driver above",
            "WDK IoSkipCurrentIrpStackLocation remarks; WDK IoSetCompletionRoutine");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void onSetCompletionRoutine(RoutineFrame caller, Irp irp) {
        if (caller != null && caller.irp() == irp && caller.did(RoutineFrame.SKIPPED)) {
            violation(new Stop.WdkRule("completion routine set after IoSkipCurrentIrpStackLocation"), who(caller)
                    + " skipped its stack location and then set a completion routine on " + irp(irp)
                    + ": the routine lands in the location of the driver above and replaces that driver's "
                    + "routine; use IoCopyCurrentIrpStackLocationToNext when setting a completion routine");
        }
    }
}
