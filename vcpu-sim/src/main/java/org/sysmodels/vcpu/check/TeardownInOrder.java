package org.sysmodels.vcpu.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;

/**
 * Teardown goes in Firecracker's order: an exit code is recorded (Vmm::stop) before Finish goes to the vCPUs, and
 * every vCPU thread ends within VCPU_JOIN_TIMEOUT after it.
 */
public final class TeardownInOrder implements VcpuCheck {

    public static final Rule RULE = new Rule("teardown-order", "teardown: the exit code is recorded first "
            + "(Vmm::stop), then Finish goes to every vCPU, then each vCPU thread ends within VCPU_JOIN_TIMEOUT (1 s)",
            "Firecracker src/vmm/src/lib.rs Vmm::process l. 791-827, stop l. 692-697, Drop l. 765-787; vcpu.rs "
            + "VcpuHandle::drop l. 646-671");

    private final Findings findings;
    private boolean stopped;

    public TeardownInOrder(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public synchronized void stopped(FcExitCode code, long at) {
        stopped = true;
    }

    @Override
    public synchronized void teardown(String step, long at) {
        if (step.startsWith("Finish") && !stopped) {
            findings.violation(RULE, "Finish was sent before an exit code was recorded", at, "vmm");
        }
        if (step.startsWith("Timed out")) {
            findings.violation(RULE, step, at, "vmm");
        }
    }
}
