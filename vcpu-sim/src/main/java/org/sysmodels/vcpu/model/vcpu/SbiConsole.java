package org.sysmodels.vcpu.model.vcpu;

/**
 * Where the VMM sends the SBI console calls KVM forwards (KVM_EXIT_RISCV_SBI): the legacy putchar/getchar extension
 * and the Debug Console extension. Firecracker has no RISC-V port; this follows kvmtool's RISC-V VMM, which writes
 * them to its terminal. Here they go to the same output as the serial port.
 */
public interface SbiConsole {

    void putchar(int c);

    /** A byte of input, or -1 if none. */
    int getchar();
}
