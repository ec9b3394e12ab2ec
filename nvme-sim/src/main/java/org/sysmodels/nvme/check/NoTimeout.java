package org.sysmodels.nvme.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/**
 * Without an injected fault every command completes within the I/O timeout: an Abort or a controller reset by the
 * driver means a command did not. With faults injected they are expected, and reported as information.
 */
public final class NoTimeout implements NvmeCheck {

    public static final Rule RULE = new Rule("timeout", "every command completes within the I/O timeout when no "
            + "fault is injected (otherwise the driver aborts it, then resets the controller)",
            "Linux drivers/nvme/host/pci.c, nvme_timeout");

    private final Findings findings;
    private final boolean faultsInjected;

    /** @param faultsInjected the scenario injects faults, so timeouts and resets are expected (reported as INFO) */
    public NoTimeout(Findings findings, boolean faultsInjected) {
        this.findings = findings;
        this.faultsInjected = faultsInjected;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void reset(String why, long now) {
        if (faultsInjected) {
            findings.info(RULE, "controller reset: " + why, now, "driver");
        } else {
            findings.violation(RULE, "controller reset without any injected fault: " + why, now, "driver");
        }
    }

    @Override
    public void abortResult(int qid, int cid, boolean aborted, long now) {
        String msg = "Abort of queue " + qid + " CID " + cid + (aborted ? ": aborted" : ": not aborted (the command "
                + "had already finished inside the device)");
        if (faultsInjected) {
            findings.info(RULE, msg, now, "driver");
        } else {
            findings.violation(RULE, "a command timed out without any injected fault; " + msg, now, "driver");
        }
    }
}
