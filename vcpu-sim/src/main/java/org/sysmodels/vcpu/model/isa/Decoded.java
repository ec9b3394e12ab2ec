package org.sysmodels.vcpu.model.isa;

/**
 * The pre-decoded form of one instruction, packed in a {@code long} so the interpreter reads one array element per
 * instruction and decodes nothing at run time: bits 0-7 the {@link Op}, 8-13 rd, 14-18 rs1, 19-23 rs2, 32-63 the
 * immediate, already sign-extended and shifted as the format says (or the CSR number, or the shift amount).
 *
 * <p>x0 is hard-wired to zero: an instruction whose only effect is writing x0 decodes to {@link Op#NOP}, and one that
 * has other effects (a load, a jump, an atomic) writes register 32 instead, a scratch slot nothing reads.
 */
public final class Decoded {

    /** The register instructions write when the encoding names x0 and the instruction has other effects. */
    public static final int DISCARD = 32;

    private Decoded() {
    }

    public static long pack(int op, int rd, int rs1, int rs2, int imm) {
        return (long) imm << 32 | (long) rs2 << 19 | (long) rs1 << 14 | (long) rd << 8 | op;
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

    public static int imm(long d) {
        return (int) (d >> 32);
    }
}
