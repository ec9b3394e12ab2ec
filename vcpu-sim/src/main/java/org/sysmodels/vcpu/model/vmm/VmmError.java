package org.sysmodels.vcpu.model.vmm;

/**
 * What can go wrong in the VMM, each with the message Firecracker gives it (lib.rs {@code VmmError},
 * persist.rs {@code MicrovmStateError}, builder.rs {@code StartMicrovmError}, arch {@code ConfigurationError}).
 */
public final class VmmError extends Exception {

    private VmmError(String message) {
        super(message, null, false, false);
    }

    /** A vCPU did not answer a pause or resume as expected within RECV_TIMEOUT_SEC. */
    public static VmmError vcpuMessage() {
        return new VmmError("Failed to message the vCPUs.");
    }

    /** MicrovmStateError::NotAllowed, e.g. a vCPU refused to save its state while running. */
    public static VmmError notAllowed(String reason) {
        return new VmmError("Operation not allowed: " + reason);
    }

    public static VmmError unexpectedVcpuResponse() {
        return new VmmError("Vcpu is in unexpected state.");
    }

    public static VmmError saveVcpuState(String detail) {
        return new VmmError("Cannot save Vcpu state: " + detail);
    }

    /** StartMicrovmError::ConfigureSystem(ConfigurationError::KernelLoader). */
    public static VmmError kernelLoader(String detail) {
        return new VmmError("System configuration error: Cannot load kernel due to invalid memory configuration or "
                + "invalid kernel image: " + detail);
    }

    public static VmmError missingKernel() {
        return new VmmError("Cannot start microvm without kernel configuration.");
    }

    public static VmmError of(String message) {
        return new VmmError(message);
    }
}
