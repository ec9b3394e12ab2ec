package org.sysmodels.vcpu.model.isa;

/**
 * The pre-decoded form of one instruction, packed in a {@code long} so the interpreter reads one array element per
 * instruction and decodes nothing at run time: bits 0-7 the {@link Op}, 8-13 rd, 14-18 rs1, 19-23 rs2, 24-31 what a
 * load or store needs beyond its operands ({@link #aux}), 32-63 the immediate, already sign-extended and shifted as
 * the format says (or the CSR number, or the shift amount).
 *
 * <p>Loads and stores: the interpreter handles every load in one place and every store in another. A load's base
 * register is in the rs2 field (rs1 is 0), and its aux is its size in bytes minus one (bits 0-2: 0, 1, 3 or 7) and
 * whether it sign-extends (bit 3). A store has no rd: its size minus one is in the rd field. That way no expression
 * of a load's address arithmetic is the same as one of a store's (base + offset, the size field), and the JIT
 * compiles each in its own case; with shared expressions it hoists the arithmetic above the dispatch, and every
 * instruction pays for it.
 *
 * <p>x0 is hard-wired to zero: an instruction whose only effect is writing x0 decodes to {@link Op#NOP}, and one that
 * has other effects (a load, a jump, an atomic) writes register 32 instead, a scratch slot nothing reads.
 */
public final class Decoded {

    /** The register instructions write when the encoding names x0 and the instruction has other effects. */
    public static final int DISCARD = 32;

    private Decoded() {
    }

    /** aux bit 3: the load sign-extends. */
    public static final int SIGNED = 8;

    public static long pack(int op, int rd, int rs1, int rs2, int imm) {
        return (long) imm << 32 | (long) rs2 << 19 | (long) rs1 << 14 | (long) rd << 8 | op;
    }

    public static long pack(int op, int rd, int rs1, int rs2, int aux, int imm) {
        return pack(op, rd, rs1, rs2, imm) | (long) aux << 24;
    }

    public static int op(long d) {
        return (int) d & 0xFF;
    }

    public static int rd(long d) {
        return (int) (d >>> 8) & 63;
    }

    public static int rs1(long d) {
        return (int) (d >>> 14) & 31;
    }

    public static int rs2(long d) {
        return (int) (d >>> 19) & 31;
    }

    public static int aux(long d) {
        return (int) (d >>> 24) & 0xFF;
    }

    public static int imm(long d) {
        return (int) (d >> 32);
    }
}
