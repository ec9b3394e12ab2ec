package org.sysmodels.nvme.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.nvme.model.command.AsyncEvent;

/** Reports every asynchronous event the controller raised (information: the host's doorbell mistakes show here). */
public final class AsyncEventReport implements NvmeCheck {

    public static final Rule RULE = new Rule("async-event", "the controller reports errors it cannot tie to a command "
            + "(such as an invalid doorbell write) by completing an Asynchronous Event Request",
            "NVM Express Base Specification 1.4, §5.2 (Asynchronous Event Request)");

    private final Findings findings;

    public AsyncEventReport(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void asyncEvent(int dw0, long now) {
        findings.info(RULE, "Asynchronous Event: " + AsyncEvent.describe(dw0), now, "driver");
    }
}
