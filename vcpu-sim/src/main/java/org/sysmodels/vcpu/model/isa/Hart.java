package org.sysmodels.vcpu.model.isa;

import java.util.Arrays;

/**
 * The architectural state of one RISC-V hart (a vCPU's registers, as KVM_GET_ONE_REG would read them): x1-x31, the
 * pc, the instructions retired, the LR reservation, and what the interpreter left for KVM when it stopped (a
 * pending MMIO access, the raw bits of an illegal instruction).
 *
 * <p>x0 reads as zero because nothing ever writes {@code x[0]}; register 32 is where writes to x0 go (see
 * {@link Decoded#DISCARD}).
 */
public final class Hart {

    /** Counter CSRs (Zicntr, Unprivileged ISA chapter 10). */
    public static final int CSR_CYCLE = 0xC00;
    public static final int CSR_TIME = 0xC01;
    public static final int CSR_INSTRET = 0xC02;
    /** The {@code time} CSR ticks at 10 MHz, QEMU virt's timebase-frequency: one tick per 100 ns. */
    public static final long NS_PER_TIME_TICK = 100;

    public final int id;
    public final long[] x = new long[64];
    public long pc;
    /** Instructions retired (the {@code instret} CSR; {@code cycle} equals it: one instruction per cycle). */
    public long instret;
    /** Virtual nanoseconds spent outside guest instructions (exits, waiting in wfi): part of {@code time}. */
    public long stallNs;
    /** Virtual nanoseconds one instruction takes: the guest's clock is 1 GHz at 1 ns. */
    public long nsPerInstruction = 1;

    /** The address reserved by the last LR, or -1. */
    public long reservation = -1;
    public long reservedValue;

    // What the interpreter left for KVM when it stopped.
    public long mmioAddr;
    public int mmioLen;
    public boolean mmioWrite;
    public long mmioData;
    public int mmioRd;
    public boolean mmioSigned;
    public int faultInsn;

    /** Where the interpreter copies the first instructions of a block when the budget ends inside it. */
    long[] partial;

    // The interpreter's notes on the block it runs (kept here, not in locals, so its dispatch loop keeps only the
    // registers, the block and the index live): the block's start, how many instructions it may retire, and how
    // many earlier passes of a loop of one block retired.
    long blockStart;
    long blockLeft;
    long blockDone;

    public Hart(int id) {
        this.id = id;
    }

    /** Virtual nanoseconds this hart has lived: its instructions plus its stalls. */
    public long nanos() {
        return instret * nsPerInstruction + stallNs;
    }

    /** The value of a counter CSR, or -1 for a CSR this machine does not have. */
    public long readCounter(int csr, long retiredNow) {
        return switch (csr) {
            case CSR_CYCLE, CSR_INSTRET -> retiredNow;
            case CSR_TIME -> (retiredNow * nsPerInstruction + stallNs) / NS_PER_TIME_TICK;
            default -> -1;
        };
    }

    /** Registers x1-x31 (x0 is always zero). */
    public long[] registers() {
        return Arrays.copyOf(x, 32);
    }

    /** Copies the architectural state (registers, pc, counters, reservation) of {@code other} into this hart. */
    public void copyFrom(Hart other) {
        System.arraycopy(other.x, 0, x, 0, 32);
        pc = other.pc;
        instret = other.instret;
        stallNs = other.stallNs;
        nsPerInstruction = other.nsPerInstruction;
        reservation = other.reservation;
        reservedValue = other.reservedValue;
    }
}
