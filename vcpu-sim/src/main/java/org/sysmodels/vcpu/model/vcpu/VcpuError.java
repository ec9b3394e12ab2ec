package org.sysmodels.vcpu.model.vcpu;

/**
 * Errors of a vCPU (Firecracker {@code vstate/vcpu.rs}, {@code VcpuError}), each with its one-line message.
 */
public sealed interface VcpuError {

    String message();

    /** KVM_RUN failed, or returned an exit that is an error (FailEntry, InternalError, an odd SystemEvent). */
    record FaultyKvmExit(String detail) implements VcpuError {
        @Override
        public String message() {
            return "Received error signaling kvm exit: " + detail;
        }
    }

    /** An exit this VMM does not handle. */
    record UnhandledKvmExit(String detail) implements VcpuError {
        @Override
        public String message() {
            return "Unexpected kvm exit received: " + detail;
        }
    }

    /** Saving the state or dumping the configuration failed. */
    record VcpuResponse(String detail) implements VcpuError {
        @Override
        public String message() {
            return "Failed to run action on vcpu: " + detail;
        }
    }
}
