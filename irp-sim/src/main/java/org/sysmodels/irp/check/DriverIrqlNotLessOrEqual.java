package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;

/** Bug check 0xD1: a driver touched pageable memory at DISPATCH_LEVEL or above. */
public final class DriverIrqlNotLessOrEqual extends VerifierCheck {

    public static final Rule RULE = new Rule("driver-irql-not-less-or-equal",
            "code at DISPATCH_LEVEL or above touches only nonpaged memory: a page fault cannot be served there, and "
                    + "the access is bug check 0xD1 DRIVER_IRQL_NOT_LESS_OR_EQUAL (address, IRQL, 0 read / 1 write, "
                    + "code address)",
            "WDK Bug Check 0xD1; WDK \"Managing Hardware Priorities\" (paged memory at IRQL <= APC_LEVEL); Driver "
                    + "Verifier \"Force IRQL checking\"");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public boolean claims(SystemHalt halt) {
        return isBugCheck(halt, Stop.BugCheck.DRIVER_IRQL_NOT_LESS_OR_EQUAL);
    }

    @Override
    public void report(SystemHalt halt) {
        explain(halt, driverOf(halt) + " touched paged pool at " + Irql.name(halt.context().irql()) + " in its "
                + halt.context().routine() + ": allocate what DPCs, ISRs and spin-lock holders use with "
                + "POOL_FLAG_NON_PAGED");
    }
}
