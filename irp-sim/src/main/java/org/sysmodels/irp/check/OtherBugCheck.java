package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
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
        explain(halt, "the machine stopped in " + driverOf(halt));
    }
}
