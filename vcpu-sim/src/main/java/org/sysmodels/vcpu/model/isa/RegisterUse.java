package org.sysmodels.vcpu.model.isa;

/**
 * Which guest registers a block's method touches: those it reads or writes are loaded into locals on entry, those it
 * writes are stored back into {@code Hart.x} on every way out ({@link BlockMethodWriter}).
 */
final class RegisterUse {

    /** Registers the block reads or writes, indexed by register number (up to {@link Decoded#DISCARD}). */
    final boolean[] used = new boolean[Decoded.DISCARD + 1];
    /** Registers the block writes. */
    final boolean[] written = new boolean[Decoded.DISCARD + 1];

    RegisterUse(long[] code) {
        for (long d : code) {
            instruction(d);
        }
    }

    private void instruction(long d) {
        int op = Decoded.op(d);
        switch (op) {
            case Op.NOP, Op.FENCE, Op.FENCE_I, Op.ECALL, Op.EBREAK, Op.WFI, Op.ILLEGAL -> {
            }
            case Op.LUI, Op.AUIPC, Op.JAL -> write(Decoded.rd(d));
            case Op.JALR -> {
                read(Decoded.rs1(d));
                write(Decoded.rd(d));
            }
            case Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU -> {
                read(Decoded.rs1(d));
                read(Decoded.rs2(d));
            }
            case Op.LB, Op.LH, Op.LW, Op.LD, Op.LBU, Op.LHU, Op.LWU -> {
                read(Decoded.rs2(d));
                write(Decoded.rd(d));
            }
            case Op.SB, Op.SH, Op.SW, Op.SD -> {
                read(Decoded.rs1(d));
                read(Decoded.rs2(d));
            }
            default -> {
                if (AluWriter.computes(op)) {
                    read(Decoded.rs1(d));
                    read(Decoded.rs2(d));
                    write(Decoded.rd(d));
                }
                // Anything else stops the method before it runs: it touches no register here.
            }
        }
    }

    private void read(int r) {
        used[r] = true;
    }

    private void write(int r) {
        used[r] = true;
        written[r] = true;
    }
}
