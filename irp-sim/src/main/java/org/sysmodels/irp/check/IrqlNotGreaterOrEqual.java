package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;

/** Bug check 0x09: KeRaiseIrql (or KeAcquireSpinLock) to a level below the current one, e.g. in an ISR. */
public final class IrqlNotGreaterOrEqual extends VerifierCheck {

    public static final Rule RULE = new Rule("irql-not-greater-or-equal",
            "KeRaiseIrql only raises: an ordinary spin lock (which raises to DISPATCH_LEVEL) cannot be taken at "
                    + "device IRQL; a checked HAL bug checks 0x09 IRQL_NOT_GREATER_OR_EQUAL (old IRQL, new IRQL)",
            "WDK KeAcquireSpinLock (IRQL <= DISPATCH_LEVEL) and KeSynchronizeExecution; bugcodes.h 0x09");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public boolean claims(SystemHalt halt) {
        return isBugCheck(halt, Stop.BugCheck.IRQL_NOT_GREATER_OR_EQUAL);
    }

    @Override
    public void report(SystemHalt halt) {
        explain(halt, driverOf(halt) + " raised the IRQL downward at " + Irql.name(halt.context().irql()) + " in its "
                + halt.context().routine() + ": an ISR shares data with other routines through the interrupt "
                + "spin lock (KeSynchronizeExecution), not an ordinary spin lock");
    }
}
