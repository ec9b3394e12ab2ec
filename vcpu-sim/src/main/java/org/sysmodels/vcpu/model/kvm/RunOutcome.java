package org.sysmodels.vcpu.model.kvm;

/**
 * What one KVM_RUN came back with (Linux {@code Documentation/virt/kvm/api.rst}, 4.10 KVM_RUN: "Returns: 0 on success,
 * -1 on error", with {@code errno} EINTR when "an unmasked signal is pending"; and "The kvm_run structure":
 * {@code immediate_exit} "is polled once when KVM_RUN starts; if non-zero, KVM_RUN exits immediately, returning
 * -EINTR"). The VMM's answer to each is Firecracker's {@code run_emulation} and {@code handle_kvm_exit}
 * ({@code src/vmm/src/vstate/vcpu.rs}).
 *
 * <p>KVM_RUN returns only the preallocated instances below, so it allocates nothing on its way back.
 */
public sealed interface RunOutcome {

    /** KVM_RUN returned 0: {@code kvm_run.exit_reason} says why, with that exit's payload. */
    Exit EXIT = new Exit();
    /** KVM_RUN failed with EINTR. */
    Interrupted INTERRUPTED = new Interrupted();
    /** The model's own return: the host descheduled the thread inside KVM_RUN. */
    Preempted PREEMPTED = new Preempted();
    /** KVM_RUN failed with EOPNOTSUPP (an instruction fetch outside RAM). */
    Failed NOT_SUPPORTED = new Failed(Errno.EOPNOTSUPP);

    /** KVM_RUN returned 0 with an exit for the VMM in {@code kvm_run.exit_reason}. */
    record Exit() implements RunOutcome {
    }

    /**
     * KVM_RUN returned -1 with errno EINTR: a signal arrived inside it (exit_reason KVM_EXIT_INTR), or
     * {@code immediate_exit} was set when it started.
     */
    record Interrupted() implements RunOutcome {
    }

    /** KVM_RUN returned -1 with {@code errno}, not EINTR ({@code kvm_run} is stale). */
    record Failed(int errno) implements RunOutcome {
    }

    /**
     * Not a return of real KVM_RUN: in deterministic mode the thread was descheduled inside KVM_RUN (its time slice
     * ran out, or it sleeps there); the next KVM_RUN call goes on where it stopped.
     */
    record Preempted() implements RunOutcome {
    }
}
