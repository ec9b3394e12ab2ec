package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;

/** Bug check 0x48: IoCancelIrp found a cancel routine on an IRP that has already completed. */
public final class CancelStateInCompletedIrp extends VerifierCheck {

    public static final Rule RULE = new Rule("cancel-state-in-completed-irp",
            "a completed IRP has no cancel routine: IoCancelIrp that finds one on a completed IRP is bug check 0x48 "
                    + "CANCEL_STATE_IN_COMPLETED_IRP (the IRP, the cancel routine, 0, 0)",
            "ReactOS ntoskrnl/io/iomgr/irp.c IoCancelIrp; WDK Bug Check 0x48");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public boolean claims(SystemHalt halt) {
        return isBugCheck(halt, Stop.BugCheck.CANCEL_STATE_IN_COMPLETED_IRP);
    }

    @Override
    public void report(SystemHalt halt) {
        explain(halt, "a cancel request met an IRP that was completed but still had a cancel routine: some driver set "
                + "the routine after (or without clearing it before) completing the IRP");
    }
}
