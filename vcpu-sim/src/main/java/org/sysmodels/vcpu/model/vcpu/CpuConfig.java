package org.sysmodels.vcpu.model.vcpu;

/**
 * A vCPU's configuration (DumpCpuConfig; Firecracker dumps CPUID/MSRs on x86, system registers on aarch64): here the
 * ISA string and the identity registers a RISC-V hart reports through the SBI Base extension.
 */
public record CpuConfig(int hartId, String isa, long mvendorid, long marchid, long mimpid) {

    public static CpuConfig of(int hartId) {
        return new CpuConfig(hartId, "rv64ima_zicsr_zifencei_zicntr", 0, 0, 0);
    }
}
