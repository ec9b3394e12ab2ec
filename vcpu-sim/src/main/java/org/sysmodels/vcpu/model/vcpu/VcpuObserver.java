package org.sysmodels.vcpu.model.vcpu;

import org.sysmodels.vcpu.model.kvm.KvmRun;
import org.sysmodels.vcpu.model.kvm.RunOutcome;

/**
 * What a vCPU thread tells checks and traces: the events it takes, the responses it sends, its state changes, and
 * every KVM_RUN that came back to userspace. Called on the vCPU's thread; an observer shared by several vCPU threads
 * must be thread-safe. The default methods do nothing, so the hot path costs a call the JIT removes.
 */
public interface VcpuObserver {

    VcpuObserver NONE = new VcpuObserver() { };

    /** The thread received {@code event} while in {@code state}. */
    default void event(int vcpu, VcpuEvent event, VcpuState state) {
    }

    /** The thread sent {@code response}. */
    default void response(int vcpu, VcpuResponse response) {
    }

    /** The thread moved from one state to another. */
    default void transition(int vcpu, VcpuState from, VcpuState to) {
    }

    /**
     * KVM_RUN came back to the VMM: an {@link RunOutcome.Exit} with {@code run.exitReason}, or a failure (then
     * {@code run} is stale). Never {@link RunOutcome.Preempted}: that thread has not come back yet.
     */
    default void kvmRun(int vcpu, RunOutcome outcome, KvmRun run, long guestNanos) {
    }

    /** Emulation failed: the vCPU exits with GenericError (vcpu.rs running(): {@code Err(_) => exit(...)}). */
    default void emulationError(int vcpu, VcpuError error) {
    }

    /** An MMIO access the bus did not route to any device (Firecracker logs a warning). */
    default void unclaimedMmio(int vcpu, long addr, int len, boolean write) {
    }
}
