package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;

/** Bug check 0x35: IoCallDriver with no stack location left for the driver called. */
public final class NoMoreIrpStackLocations extends VerifierCheck {

    public static final Rule RULE = new Rule("no-more-irp-stack-locations",
            "an IRP carries one stack location per driver it will reach: IoCallDriver when no location is left is "
                    + "bug check 0x35 NO_MORE_IRP_STACK_LOCATIONS (the IRP, 0, 0, 0)",
            "ReactOS ntoskrnl/io/iomgr/irp.c IofCallDriver; WDK Bug Check 0x35");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public boolean claims(SystemHalt halt) {
        return isBugCheck(halt, Stop.BugCheck.NO_MORE_IRP_STACK_LOCATIONS);
    }

    @Override
    public void report(SystemHalt halt) {
        explain(halt, driverOf(halt) + " sent an IRP to a device whose stack is deeper than the IRP has locations "
                + "(an IRP sized for one stack sent into another, or a location used up twice); allocate an IRP with "
                + "the target's StackSize instead");
    }
}
