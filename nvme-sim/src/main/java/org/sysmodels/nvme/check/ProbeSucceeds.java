package org.sysmodels.nvme.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/** The device comes up, and stays up. */
public final class ProbeSucceeds implements NvmeCheck {

    public static final Rule RULE = new Rule("probe", "the device comes up: CSTS.RDY becomes 1 within CAP.TO after "
            + "CC.EN is set, and the admin commands of the bring-up succeed",
            "NVM Express Base Specification 1.4, §7.6.1 (Initialization) and §3.1.1 (CAP.TO)");

    private final Findings findings;

    public ProbeSucceeds(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void deviceFailed(String reason, long now) {
        findings.violation(RULE, reason, now, "driver");
    }
}
