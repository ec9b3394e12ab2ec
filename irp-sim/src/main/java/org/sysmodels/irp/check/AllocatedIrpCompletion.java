package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;

/** An IRP a driver allocated completed all the way up to the I/O manager, which has no thread to finish it in. */
public final class AllocatedIrpCompletion extends VerifierCheck {

    public static final Rule RULE = new Rule("allocated-irp-completion",
            "a driver that allocates an IRP (IoAllocateIrp) and sends it down sets a completion routine that frees "
                    + "it (IoFreeIrp) and returns STATUS_MORE_PROCESSING_REQUIRED",
            "WDK IoAllocateIrp and IoFreeIrp remarks; Static Driver Verifier rule IoAllocateForward; ReactOS irp.c "
                    + "IofCompleteRequest (the completion APC goes to Tail.Overlay.Thread)");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public boolean claims(SystemHalt halt) {
        return halt.stop() instanceof Stop.WdkRule w && w.rule().startsWith("an IRP a driver allocated");
    }

    @Override
    public void report(SystemHalt halt) {
        explain(halt, "an IRP that " + driverOf(halt) + " allocated reached the top of its stack: its completion "
                + "routine let completion go on instead of returning STATUS_MORE_PROCESSING_REQUIRED and freeing it");
    }
}
