package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;

/** Bug check 0x44: IoCompleteRequest on an IRP whose walk already went past the top (completed twice). */
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
        explain(halt, driverOf(halt) + " called IoCompleteRequest on an IRP that had already been completed: two "
                + "routines each believed they owned it (typically a cancel routine and a DPC that both complete it, "
                + "or a completion path plus an error path)");
    }
}
