package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;

/**
 * Bug check 0x0A: a wait that has to block at DISPATCH_LEVEL or above (the dispatcher cannot switch threads there),
 * or an IRQL lowered to a higher level.
 */
public final class IrqlNotLessOrEqual extends VerifierCheck {

    public static final Rule RULE = new Rule("irql-not-less-or-equal",
            "code at DISPATCH_LEVEL or above never waits: KeWaitForSingleObject with a non-zero timeout requires "
                    + "IRQL <= APC_LEVEL; a blocking wait above it ends in bug check 0x0A IRQL_NOT_LESS_OR_EQUAL",
            "WDK KeWaitForSingleObject (IRQL rules) and Static Driver Verifier rule IrqlKeWaitForMutexObject; "
                    + "WDK Bug Check 0xA");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public boolean claims(SystemHalt halt) {
        return isBugCheck(halt, Stop.BugCheck.IRQL_NOT_LESS_OR_EQUAL);
    }

    @Override
    public void report(SystemHalt halt) {
        explain(halt, driverOf(halt) + " waited at " + Irql.name(halt.context().irql()) + " in its "
                + halt.context().routine() + ": a DPC, an ISR or a spin-lock holder cannot block; queue a work item "
                + "(IoQueueWorkItem) and wait there, at PASSIVE_LEVEL");
    }
}
