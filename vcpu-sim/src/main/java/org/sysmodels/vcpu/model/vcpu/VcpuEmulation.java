package org.sysmodels.vcpu.model.vcpu;

/**
 * What one {@code run_emulation()} came to (Firecracker {@code VcpuEmulation}, and its {@code Err}): the exit was
 * handled, KVM_RUN was interrupted (check events), the guest stopped (a system event), or an error.
 * {@link Descheduled} is not Firecracker's: in deterministic mode it says the host's time slice is over, which the
 * VMM never sees on a real host (the thread is simply not running for a while).
 */
public sealed interface VcpuEmulation {

    Handled HANDLED = new Handled();
    Interrupted INTERRUPTED = new Interrupted();
    Stopped STOPPED = new Stopped();
    Descheduled DESCHEDULED = new Descheduled();

    record Handled() implements VcpuEmulation {
    }

    record Interrupted() implements VcpuEmulation {
    }

    record Stopped() implements VcpuEmulation {
    }

    record Descheduled() implements VcpuEmulation {
    }

    record Failed(VcpuError error) implements VcpuEmulation {
    }
}
