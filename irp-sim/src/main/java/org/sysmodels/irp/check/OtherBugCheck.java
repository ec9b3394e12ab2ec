package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;

/** Any stop no other rule explains (an IRP freed twice, for one): the run still ends with the code and parameters. */
public final class OtherBugCheck extends VerifierCheck {

    public static final Rule RULE = new Rule("other-bug-check",
            "the machine stops at any bug check; this rule reports the ones no more specific rule explains",
            "WDK Bug Check Code Reference; bugcodes.h");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public boolean claims(SystemHalt halt) {
        return true;
    }

    @Override
    public void report(SystemHalt halt) {
        explain(halt, "the machine stopped in " + driverOf(halt) + why(halt.stop()));
    }

    /** What a stop with no rule of its own means and how to avoid it, where the WDK says; else "". */
    static String why(Stop stop) {
        if (!(stop instanceof Stop.BugCheck b) || b.code() != Stop.BugCheck.DRIVER_VERIFIER_IOMANAGER_VIOLATION) {
            return "";
        }
        return switch ((int) b.p1()) {
            case 0x01 -> ": IoFreeIrp was given IRP " + hex(b.p2()) + ", which is not in use (freed already, or "
                    + "never allocated): free each IRP you allocated once, and none you did not allocate";
            case 0x02 -> ": IoFreeIrp was given IRP " + hex(b.p2()) + ", which is still on its thread's IRP list: "
                    + "a request the I/O manager built for a user (or IoBuildDeviceIoControlRequest built) is "
                    + "finished with IoCompleteRequest, which frees it after the caller's completion; IoFreeIrp is "
                    + "only for IRPs your driver allocated with IoAllocateIrp (WDK IoFreeIrp; Bug Check 0xC9, "
                    + "parameter 1 = 0x02)";
            default -> "";
        };
    }
}
