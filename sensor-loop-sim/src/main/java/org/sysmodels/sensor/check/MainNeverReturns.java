package org.sysmodels.sensor.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/** main is {@code fn main() -> !}: returning from it leaves the core with nothing to run. */
public final class MainNeverReturns implements LoopCheck {

    public static final Rule RULE = new Rule("main-never-returns",
            "the entry point never returns (#[entry] fn main() -> !)",
            "cortex-m-rt documentation, #[entry]");

    private final Findings findings;

    public MainNeverReturns(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void mainReturned(long now) {
        findings.violation(RULE, "main returned; the core now spins with nothing to run", now, "main");
    }
}
