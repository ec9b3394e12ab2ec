package org.sysmodels.vcpu.model.vcpu;

/** What a vCPU thread answers (Firecracker {@code vstate/vcpu.rs}, {@code VcpuResponse}). */
public sealed interface VcpuResponse {

    Paused PAUSED = new Paused();
    Resumed RESUMED = new Resumed();

    /** Requested action encountered an error. */
    record Error(VcpuError error) implements VcpuResponse {
    }

    /** The vCPU is stopped. */
    record Exited(FcExitCode code) implements VcpuResponse {
    }

    /** Requested action not allowed. */
    record NotAllowed(String reason) implements VcpuResponse {
    }

    /** The vCPU is paused. */
    record Paused() implements VcpuResponse {
    }

    /** The vCPU is resumed. */
    record Resumed() implements VcpuResponse {
    }

    /** The vCPU's state is saved. */
    record SavedState(VcpuSavedState state) implements VcpuResponse {
    }

    /** The vCPU's CPU configuration. */
    record DumpedCpuConfig(CpuConfig config) implements VcpuResponse {
    }

    /** As Firecracker's Debug prints it: "VcpuResponse::Paused", "VcpuResponse::NotAllowed(reason)". */
    static String describe(VcpuResponse r) {
        return switch (r) {
            case Paused p -> "VcpuResponse::Paused";
            case Resumed p -> "VcpuResponse::Resumed";
            case Exited e -> "VcpuResponse::Exited(" + e.code().rustName() + ")";
            case SavedState s -> "VcpuResponse::SavedState";
            case Error e -> "VcpuResponse::Error(" + e.error().message() + ")";
            case NotAllowed n -> "VcpuResponse::NotAllowed(" + n.reason() + ")";
            case DumpedCpuConfig d -> "VcpuResponse::DumpedCpuConfig";
        };
    }
}
