package org.sysmodels.vcpu.model.vcpu;

/**
 * A vCPU's saved state (what {@code KvmVcpu::save_state} gathers with KVM_GET_ONE_REG and KVM_GET_MP_STATE): the
 * registers, the pc, the counters, whether the hart is started (HSM) or waiting in wfi, and the LR reservation.
 */
public record VcpuSavedState(int id, long[] x, long pc, long instret, long stallNs, boolean started, boolean inWfi,
                             long reservation, long reservedValue) {

    public VcpuSavedState {
        x = x.clone();
    }

    @Override
    public long[] x() {
        return x.clone();
    }
}
