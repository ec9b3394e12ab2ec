package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.io.RoutineKind;

/**
 * Bug check 0x44: IoCompleteRequest on an IRP whose walk already went past the top, or a completion routine that
 * completed its IRP and let the walk go on (completed twice).
 */
public final class MultipleIrpCompleteRequests extends VerifierCheck {

    public static final Rule RULE = new Rule("multiple-irp-complete-requests",
            "an IRP is completed exactly once: IoCompleteRequest on an IRP that was already completed is bug check "
                    + "0x44 MULTIPLE_IRP_COMPLETE_REQUESTS (the IRP, 0, 0, 0)",
            "ReactOS ntoskrnl/io/iomgr/irp.c IofCompleteRequest (CurrentLocation > StackCount + 1); WDK Bug Check "
                    + "0x44");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public boolean claims(SystemHalt halt) {
        return isBugCheck(halt, Stop.BugCheck.MULTIPLE_IRP_COMPLETE_REQUESTS);
    }

    @Override
    public void report(SystemHalt halt) {
        if (halt.context().routine().equals(RoutineKind.COMPLETION.label())) {
            explain(halt, driverOf(halt) + "'s completion routine completed the IRP (IoCompleteRequest) and then "
                    + "let the walk go on, so the I/O manager completed it a second time: a completion routine that "
                    + "completes its IRP returns STATUS_MORE_PROCESSING_REQUIRED, and one that lets completion go on "
                    + "does not call IoCompleteRequest");
            return;
        }
        explain(halt, driverOf(halt) + " called IoCompleteRequest on an IRP that had already been completed: two "
                + "routines each believed they owned it (typically a cancel routine and a DPC that both complete it, "
                + "or a completion path plus an error path)");
    }
}
