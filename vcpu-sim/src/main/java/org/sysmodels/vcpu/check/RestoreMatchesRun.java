package org.sysmodels.vcpu.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/**
 * A microVM restored from a snapshot and run on ends exactly as the run it was taken from: same serial output, same
 * exit, same registers, same memory, same disk. The run checks this after the fact for every snapshot it took.
 */
public final class RestoreMatchesRun implements VcpuCheck {

    public static final Rule RULE = new Rule("restore-equals-uninterrupted", "a snapshot restored into a fresh VMM "
            + "and resumed continues as if the microVM had never stopped: its serial output, exit, registers, memory "
            + "and disk end as the uninterrupted run's do",
            "Firecracker docs/snapshotting/snapshot-support.md (\"resumes ... exactly where it left off\"); "
            + "persist.rs restore_from_snapshot");

    private final Findings findings;

    public RestoreMatchesRun(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    /** One comparison: {@code difference} is null when the restored run ended as the original did. */
    public void compared(String snapshot, String difference, long at) {
        if (difference != null) {
            findings.violation(RULE, "restored from the " + snapshot + ": " + difference, at, "restore");
        }
    }
}
