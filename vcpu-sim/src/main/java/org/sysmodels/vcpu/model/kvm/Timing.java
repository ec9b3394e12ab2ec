package org.sysmodels.vcpu.model.kvm;

/**
 * The virtual-time costs of the deterministic mode. None of these is a published Firecracker or KVM figure (no
 * source states a per-exit cost; the fact sheet's "about 1 µs per exit" has none): they are assumptions, set here in
 * one place, that only decide how virtual time advances, never what the guest or the VMM does.
 *
 * @param nsPerInstruction virtual ns per guest instruction (1 = a 1 GHz, one-instruction-per-cycle guest)
 * @param exitNs           a round trip KVM_RUN → userspace → KVM_RUN, for an exit the VMM handles
 * @param inKernelExitNs   an exit KVM handles itself (in-kernel interrupt controller, SBI call, ioeventfd)
 * @param sliceNs          the host scheduler's time slice: how long a vCPU thread runs before others get a turn
 */
public record Timing(long nsPerInstruction, long exitNs, long inKernelExitNs, long sliceNs) {

    public static final Timing DEFAULT = new Timing(1, 2_000, 200, 50_000);

    public Timing {
        if (nsPerInstruction < 1 || exitNs < 0 || inKernelExitNs < 0 || sliceNs < 1) {
            throw new IllegalArgumentException("timing values must be positive: " + nsPerInstruction + ", " + exitNs
                    + ", " + inKernelExitNs + ", " + sliceNs);
        }
    }

    /** Instructions in one host time slice. */
    public long sliceInstructions() {
        return Math.max(1, sliceNs / nsPerInstruction);
    }
}
