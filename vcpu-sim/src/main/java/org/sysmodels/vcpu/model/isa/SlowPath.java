package org.sysmodels.vcpu.model.isa;

import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * The interpreter's slow path: one instruction the fast loop of {@link Interpreter} does not do itself. Loads and
 * stores that are not a plain aligned access to RAM (misaligned ones are performed, as the RISC-V Unprivileged ISA
 * allows; outside RAM they stop as MMIO with the hart's mmio fields set, which KVM turns into KVM_EXIT_MMIO), MULH and
 * the divisions (M chapter 7: division by zero gives all ones, remainder the dividend), the read-only counter CSRs
 * (Zicsr chapter 9, counters chapter 10: a write is an illegal instruction), and the A extension ({@link Atomics}).
 */
final class SlowPath {

    private SlowPath() {
    }

    /**
     * The instruction at {@code h.pc} that {@code Interpreter.execute} left: a load or store that is not a plain
     * aligned access to RAM (misaligned, to a page with code or not yet in the dirty log, outside RAM: MMIO), MULH and
     * the divisions, a counter CSR, an atomic. {@code retired} instructions retired before it (for the counters).
     *
     * @return {@link Interpreter#BUDGET} if it retired ({@code h.pc} then at the next instruction), or the stop code
     */
    static int execute(Hart h, GuestMemory mem, long d, long retired) {
        final long[] x = h.x;
        long a = x[(int) (d >>> 14) & 31];
        long b = x[(int) (d >>> 19) & 31];
        int imm = (int) (d >> 32);
        int rd = (int) (d >>> 8) & 63;
        switch ((int) d & 0xFF) {
            case Op.LB, Op.LH, Op.LW, Op.LD, Op.LBU, Op.LHU, Op.LWU -> {
                long addr = b + imm;
                int aux = (int) (d >>> 24);
                int len = (aux & 7) + 1;
                boolean signed = (aux & Decoded.SIGNED) != 0;
                if (!mem.contains(addr, len)) {
                    mmio(h, addr, len, signed, rd);
                    return Interpreter.MMIO;
                }
                int unused = 64 - 8 * len;
                long v = mem.read(addr, len) << unused;
                x[rd] = signed ? v >> unused : v >>> unused;
            }
            case Op.SB, Op.SH, Op.SW, Op.SD -> {
                long addr = a + imm;
                int len = (rd & 7) + 1;
                if (!mem.contains(addr, len)) {
                    mmioStore(h, addr, len, b);
                    return Interpreter.MMIO;
                }
                // A store into code drops the blocks it overwrote; the next instruction is looked up afresh.
                mem.store(addr, len, b);
            }
            case Op.MULH -> x[rd] = Math.multiplyHigh(a, b);
            case Op.MULHSU -> x[rd] = Math.multiplyHigh(a, b) + ((b >> 63) & a);
            case Op.MULHU -> x[rd] = Math.unsignedMultiplyHigh(a, b);
            case Op.DIV -> x[rd] = b == 0 ? -1 : a / b;
            case Op.DIVU -> x[rd] = b == 0 ? -1 : Long.divideUnsigned(a, b);
            case Op.REM -> x[rd] = b == 0 ? a : a % b;
            case Op.REMU -> x[rd] = b == 0 ? a : Long.remainderUnsigned(a, b);
            case Op.DIVW -> x[rd] = (int) b == 0 ? -1 : (int) a / (int) b;
            case Op.DIVUW -> x[rd] = (int) b == 0 ? -1 : Integer.divideUnsigned((int) a, (int) b);
            case Op.REMW -> x[rd] = (int) b == 0 ? (int) a : (int) a % (int) b;
            case Op.REMUW -> x[rd] = (int) b == 0 ? (int) a : Integer.remainderUnsigned((int) a, (int) b);
            case Op.CSRRW, Op.CSRRS, Op.CSRRC, Op.CSRRWI, Op.CSRRSI, Op.CSRRCI -> {
                long v = csr(h, d, retired);
                if (v == Long.MIN_VALUE) {
                    h.faultInsn = (int) mem.read(h.pc, 4);
                    return Interpreter.ILLEGAL;
                }
                x[rd] = v;
            }
            default -> {
                // The A extension.
                int r = Atomics.execute(h, mem, d, a, b);
                if (r != Interpreter.BUDGET) {
                    return r;
                }
            }
        }
        h.pc += 4;
        return Interpreter.BUDGET;
    }

    /** Counter CSRs are read-only: a write (CSRRW, or CSRRS/CSRRC with a source other than x0/0) is illegal. */
    private static long csr(Hart h, long d, long retired) {
        int op = (int) d & 0xFF;
        int src = (int) (d >>> 14) & 31;
        boolean writes = op == Op.CSRRW || op == Op.CSRRWI || src != 0;
        long v = h.readCounter((int) (d >> 32) & 0xFFF, retired);
        return writes || v == -1 ? Long.MIN_VALUE : v;
    }

    private static void mmio(Hart h, long addr, int len, boolean signed, int rd) {
        h.mmioAddr = addr;
        h.mmioLen = len;
        h.mmioWrite = false;
        h.mmioSigned = signed;
        h.mmioRd = rd;
        h.mmioData = 0;
    }

    private static void mmioStore(Hart h, long addr, int len, long value) {
        h.mmioAddr = addr;
        h.mmioLen = len;
        h.mmioWrite = true;
        h.mmioData = len == 8 ? value : value & ((1L << (8 * len)) - 1);
        h.mmioRd = Decoded.DISCARD;
    }
}
