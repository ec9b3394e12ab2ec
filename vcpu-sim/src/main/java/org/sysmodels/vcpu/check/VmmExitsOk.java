package org.sysmodels.vcpu.check;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.model.vcpu.VcpuError;

/**
 * The microVM ends with exit code 0: a guest that stops by itself (SBI system reset) gives FcExitCode::Ok; a vCPU
 * whose emulation failed (an internal error, a KVM_RUN error, an exit the VMM cannot handle) gives GenericError, and
 * the Firecracker process exits with 1.
 */
public final class VmmExitsOk implements VcpuCheck {

    public static final Rule RULE = new Rule("vmm-exit-ok", "the VMM stops with FcExitCode::Ok (0): a vCPU whose "
            + "emulation fails exits with GenericError (1), and the first non-Ok exit is the process's exit code",
            "Firecracker src/vmm/src/vstate/vcpu.rs running() (Err(_) => exit(GenericError)); lib.rs Vmm::process "
            + "l. 791-827 and FcExitCode l. 178-205");

    private final Findings findings;
    private final List<String> errors = new ArrayList<>();

    public VmmExitsOk(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public synchronized void emulationError(int vcpu, VcpuError error) {
        errors.add("vCPU " + vcpu + ": " + error.message());
    }

    @Override
    public synchronized void stopped(FcExitCode code, long at) {
        if (code != FcExitCode.OK) {
            findings.violation(RULE, "the VMM stopped with exit code " + code.code() + " (" + code.rustName() + ")"
                    + (errors.isEmpty() ? "" : ": " + String.join("; ", errors)), at, "vmm");
        }
    }
}
