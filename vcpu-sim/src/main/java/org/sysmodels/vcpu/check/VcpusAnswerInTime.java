package org.sysmodels.vcpu.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/** Each vCPU answers a Pause or a Resume within RECV_TIMEOUT_SEC, else the VMM gives up on it. */
public final class VcpusAnswerInTime implements VcpuCheck {

    public static final Rule RULE = new Rule("vcpu-answers-in-time", "every vCPU answers Pause and Resume within "
            + "RECV_TIMEOUT_SEC (30 s); a vCPU that does not has missed its kick, and the pause fails with "
            + "\"Failed to message the vCPUs.\"", "Firecracker src/vmm/src/vstate/vm.rs pause_vcpus (l. 279), "
            + "resume_vcpus (l. 301); lib.rs RECV_TIMEOUT_SEC (l. 210); vcpu.rs send_event (l. 622-637)");

    private final Findings findings;

    public VcpusAnswerInTime(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public synchronized void vcpuTimedOut(int vcpu, String op, long at) {
        findings.violation(RULE, "vCPU " + vcpu + " did not answer " + op + " within 30 s: it never left KVM_RUN "
                + "to look at its events", at, "vcpu " + vcpu);
    }
}
