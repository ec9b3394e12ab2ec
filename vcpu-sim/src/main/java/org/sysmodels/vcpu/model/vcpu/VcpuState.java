package org.sysmodels.vcpu.model.vcpu;

/**
 * The states of a vCPU thread's run loop (Firecracker {@code vstate/vcpu.rs}, {@code VcpuRunState}): Paused is where
 * a thread starts, Running executes guest code, Finished ends the thread. {@link Exited} is the loop inside
 * Firecracker's {@code exit()} (answer every event with {@code Exited(code)} until {@code Finish}) written as a state
 * of its own, as Firecracker v0.20-v0.22 had it ({@code exited()}), so that the deterministic mode can run the thread
 * one event at a time instead of blocking inside a function.
 */
public sealed interface VcpuState {

    Running RUNNING = new Running();
    Paused PAUSED = new Paused();
    Finished FINISHED = new Finished();

    /** Executing guest code via KVM_RUN. */
    record Running() implements VcpuState {
    }

    /** Waiting for events. */
    record Paused() implements VcpuState {
    }

    /** The vCPU stopped with {@code code}; it answers {@code Exited(code)} until told to finish. */
    record Exited(FcExitCode code) implements VcpuState {
    }

    /** The run loop is over; the thread ends. */
    record Finished() implements VcpuState {
    }

    /** "Running", "Paused", "Exited(Ok)", "Finished". */
    static String describe(VcpuState s) {
        return switch (s) {
            case Running r -> "Running";
            case Paused p -> "Paused";
            case Exited e -> "Exited(" + e.code().rustName() + ")";
            case Finished f -> "Finished";
        };
    }
}
