package org.sysmodels.vcpu.model.isa;

import static org.sysmodels.vcpu.model.memory.GuestMemory.DRAM_START;

import java.lang.invoke.VarHandle;
import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * Runs a hart's instructions from their pre-decoded form until something needs the hypervisor: an access outside RAM
 * (MMIO), an {@code ecall}, an {@code ebreak}, a {@code wfi}, an instruction it cannot execute, or the end of the
 * instruction budget. This is the "guest mode" part of KVM_RUN; {@code KvmVcpu} turns each stop into what KVM does.
 *
 * <p>Speed: one {@code long} array read per instruction (the decoded form; decoding happens once per word of code),
 * registers in a {@code long[]}, naturally aligned loads and stores that hit RAM take a fast path of a page-table
 * read and one array element (pages are {@code long[]}: see {@code GuestMemory}). Nothing is allocated.
 *
 * <p>Semantics: RISC-V Unprivileged ISA 20191213 (RV64I chapters 2 and 5, M chapter 7, A chapter 8, Zicsr chapter 9,
 * counters chapter 10). Misaligned loads and stores to RAM are performed (the spec allows hardware to support them);
 * a misaligned jump target or a misaligned atomic stops with {@link #MISALIGNED}.
 */
public final class Interpreter {

    /** The budget ran out: nothing for the hypervisor to do. */
    public static final int BUDGET = 0;
    /** {@code ecall} at pc: an SBI call (not retired). */
    public static final int ECALL = 1;
    /** {@code ebreak} at pc (not retired). */
    public static final int EBREAK = 2;
    /** {@code wfi} retired: the hart wants to wait for an interrupt. */
    public static final int WFI = 3;
    /** A load or store at pc touches an address outside RAM: see the hart's mmio fields (not retired). */
    public static final int MMIO = 4;
    /** The instruction at pc is not implemented, or writes a read-only CSR: see {@link Hart#faultInsn}. */
    public static final int ILLEGAL = 5;
    /** The pc is outside RAM: there is no instruction to fetch. */
    public static final int FETCH_FAULT = 6;
    /** A jump to an address that is not a multiple of 4, or a misaligned atomic, at pc. */
    public static final int MISALIGNED = 7;
    /** An atomic instruction at pc addresses memory outside RAM. */
    public static final int ATOMIC_FAULT = 8;

    private Interpreter() {
    }

    /**
     * Executes at most {@code budget} instructions of {@code h} against {@code mem}.
     *
     * @return why it stopped: {@link #BUDGET} or one of the other stop codes, with {@code h.pc} at the instruction
     *         that stopped it (after it, for {@link #WFI}) and {@code h.instret} counting what retired
     */
    public static int run(Hart h, GuestMemory mem, long budget) {
        final long[] x = h.x;
        final long size = mem.size();
        long pc = h.pc;
        long n = 0;
        long[] code = null;
        long codeBase = 1; // never page-aligned: the first fetch loads the page
        int stop = BUDGET;
        loop:
        while (n < budget) {
            long rel = pc - codeBase;
            if ((rel & ~(long) GuestMemory.PAGE_MASK) != 0) {
                long off = pc - DRAM_START;
                if (off < 0 || off >= size) {
                    stop = FETCH_FAULT;
                    break;
                }
                code = mem.codePage((int) (off >>> GuestMemory.PAGE_SHIFT));
                codeBase = pc & ~(long) GuestMemory.PAGE_MASK;
                rel = pc - codeBase;
            }
            int w = (int) rel >>> 2;
            long d = code[w];
            int rd = (int) (d >>> 8) & 63;
            long a = x[(int) (d >>> 14) & 31];
            long b = x[(int) (d >>> 19) & 31];
            int imm = (int) (d >> 32);
            switch ((int) d & 0xFF) {
                case 0 -> {
                    // Not decoded yet: decode once, keep it, and dispatch again (nothing retired).
                    code[w] = Decoder.decode((int) mem.read(pc, 4));
                    continue;
                }
                case Op.NOP, Op.FENCE_I -> pc += 4;
                case Op.LUI -> {
                    x[rd] = imm;
                    pc += 4;
                }
                case Op.AUIPC -> {
                    x[rd] = pc + imm;
                    pc += 4;
                }
                case Op.JAL -> {
                    long target = pc + imm;
                    if ((target & 3) != 0) {
                        stop = MISALIGNED;
                        break loop;
                    }
                    x[rd] = pc + 4;
                    pc = target;
                }
                case Op.JALR -> {
                    long target = (a + imm) & ~1L;
                    if ((target & 3) != 0) {
                        stop = MISALIGNED;
                        break loop;
                    }
                    x[rd] = pc + 4;
                    pc = target;
                }
                case Op.BEQ -> pc = a == b ? pc + imm : pc + 4;
                case Op.BNE -> pc = a != b ? pc + imm : pc + 4;
                case Op.BLT -> pc = a < b ? pc + imm : pc + 4;
                case Op.BGE -> pc = a >= b ? pc + imm : pc + 4;
                case Op.BLTU -> pc = Long.compareUnsigned(a, b) < 0 ? pc + imm : pc + 4;
                case Op.BGEU -> pc = Long.compareUnsigned(a, b) >= 0 ? pc + imm : pc + 4;
                case Op.LB, Op.LBU -> {
                    long addr = a + imm;
                    long off = addr - DRAM_START;
                    if (off >= 0 && off < size) {
                        long[] p = mem.page((int) (off >>> GuestMemory.PAGE_SHIFT));
                        int o = (int) off & GuestMemory.PAGE_MASK;
                        long v = p == null ? 0 : p[o >>> 3] >>> ((o & 7) << 3);
                        x[rd] = ((int) d & 0xFF) == Op.LB ? (byte) v : v & 0xFFL;
                    } else {
                        mmio(h, addr, 1, ((int) d & 0xFF) == Op.LB, rd);
                        stop = MMIO;
                        break loop;
                    }
                    pc += 4;
                }
                case Op.LH, Op.LHU -> {
                    long addr = a + imm;
                    long off = addr - DRAM_START;
                    int o = (int) off & GuestMemory.PAGE_MASK;
                    long v;
                    if (off >= 0 && off < size && (o & 1) == 0) {
                        long[] p = mem.page((int) (off >>> GuestMemory.PAGE_SHIFT));
                        v = p == null ? 0 : p[o >>> 3] >>> ((o & 6) << 3);
                    } else if (mem.contains(addr, 2)) {
                        v = mem.read(addr, 2);
                    } else {
                        mmio(h, addr, 2, ((int) d & 0xFF) == Op.LH, rd);
                        stop = MMIO;
                        break loop;
                    }
                    x[rd] = ((int) d & 0xFF) == Op.LH ? (short) v : v & 0xFFFFL;
                    pc += 4;
                }
                case Op.LW, Op.LWU -> {
                    long addr = a + imm;
                    long off = addr - DRAM_START;
                    int o = (int) off & GuestMemory.PAGE_MASK;
                    long v;
                    if (off >= 0 && off < size && (o & 3) == 0) {
                        long[] p = mem.page((int) (off >>> GuestMemory.PAGE_SHIFT));
                        v = p == null ? 0 : p[o >>> 3] >>> ((o & 4) << 3);
                    } else if (mem.contains(addr, 4)) {
                        v = mem.read(addr, 4);
                    } else {
                        mmio(h, addr, 4, ((int) d & 0xFF) == Op.LW, rd);
                        stop = MMIO;
                        break loop;
                    }
                    x[rd] = ((int) d & 0xFF) == Op.LW ? (int) v : v & 0xFFFF_FFFFL;
                    pc += 4;
                }
                case Op.LD -> {
                    long addr = a + imm;
                    long off = addr - DRAM_START;
                    int o = (int) off & GuestMemory.PAGE_MASK;
                    if (off >= 0 && off < size && (o & 7) == 0) {
                        long[] p = mem.page((int) (off >>> GuestMemory.PAGE_SHIFT));
                        x[rd] = p == null ? 0 : p[o >>> 3];
                    } else if (mem.contains(addr, 8)) {
                        x[rd] = mem.read(addr, 8);
                    } else {
                        mmio(h, addr, 8, true, rd);
                        stop = MMIO;
                        break loop;
                    }
                    pc += 4;
                }
                case Op.SB -> {
                    long addr = a + imm;
                    long off = addr - DRAM_START;
                    if (off >= 0 && off < size) {
                        int i = (int) (off >>> GuestMemory.PAGE_SHIFT);
                        int o = (int) off & GuestMemory.PAGE_MASK;
                        int shift = (o & 7) << 3;
                        mem.storeBits(mem.pageForWrite(i), o >>> 3, 0xFFL << shift, (b & 0xFFL) << shift);
                        mem.stored(i, o, 1);
                    } else {
                        mmioStore(h, addr, 1, b);
                        stop = MMIO;
                        break loop;
                    }
                    pc += 4;
                }
                case Op.SH -> {
                    long addr = a + imm;
                    long off = addr - DRAM_START;
                    int o = (int) off & GuestMemory.PAGE_MASK;
                    if (off >= 0 && off < size && (o & 1) == 0) {
                        int i = (int) (off >>> GuestMemory.PAGE_SHIFT);
                        int shift = (o & 6) << 3;
                        mem.storeBits(mem.pageForWrite(i), o >>> 3, 0xFFFFL << shift, (b & 0xFFFFL) << shift);
                        mem.stored(i, o, 2);
                    } else if (mem.contains(addr, 2)) {
                        mem.write(addr, 2, b);
                    } else {
                        mmioStore(h, addr, 2, b);
                        stop = MMIO;
                        break loop;
                    }
                    pc += 4;
                }
                case Op.SW -> {
                    long addr = a + imm;
                    long off = addr - DRAM_START;
                    int o = (int) off & GuestMemory.PAGE_MASK;
                    if (off >= 0 && off < size && (o & 3) == 0) {
                        int i = (int) (off >>> GuestMemory.PAGE_SHIFT);
                        int shift = (o & 4) << 3;
                        mem.storeBits(mem.pageForWrite(i), o >>> 3, 0xFFFF_FFFFL << shift,
                                (b & 0xFFFF_FFFFL) << shift);
                        mem.stored(i, o, 4);
                    } else if (mem.contains(addr, 4)) {
                        mem.write(addr, 4, b);
                    } else {
                        mmioStore(h, addr, 4, b);
                        stop = MMIO;
                        break loop;
                    }
                    pc += 4;
                }
                case Op.SD -> {
                    long addr = a + imm;
                    long off = addr - DRAM_START;
                    int o = (int) off & GuestMemory.PAGE_MASK;
                    if (off >= 0 && off < size && (o & 7) == 0) {
                        int i = (int) (off >>> GuestMemory.PAGE_SHIFT);
                        mem.pageForWrite(i)[o >>> 3] = b;
                        mem.stored(i, o, 8);
                    } else if (mem.contains(addr, 8)) {
                        mem.write(addr, 8, b);
                    } else {
                        mmioStore(h, addr, 8, b);
                        stop = MMIO;
                        break loop;
                    }
                    pc += 4;
                }
                case Op.ADDI -> {
                    x[rd] = a + imm;
                    pc += 4;
                }
                case Op.SLTI -> {
                    x[rd] = a < imm ? 1 : 0;
                    pc += 4;
                }
                case Op.SLTIU -> {
                    x[rd] = Long.compareUnsigned(a, imm) < 0 ? 1 : 0;
                    pc += 4;
                }
                case Op.XORI -> {
                    x[rd] = a ^ imm;
                    pc += 4;
                }
                case Op.ORI -> {
                    x[rd] = a | imm;
                    pc += 4;
                }
                case Op.ANDI -> {
                    x[rd] = a & imm;
                    pc += 4;
                }
                case Op.SLLI -> {
                    x[rd] = a << imm;
                    pc += 4;
                }
                case Op.SRLI -> {
                    x[rd] = a >>> imm;
                    pc += 4;
                }
                case Op.SRAI -> {
                    x[rd] = a >> imm;
                    pc += 4;
                }
                case Op.ADD -> {
                    x[rd] = a + b;
                    pc += 4;
                }
                case Op.SUB -> {
                    x[rd] = a - b;
                    pc += 4;
                }
                case Op.SLL -> {
                    x[rd] = a << b;
                    pc += 4;
                }
                case Op.SLT -> {
                    x[rd] = a < b ? 1 : 0;
                    pc += 4;
                }
                case Op.SLTU -> {
                    x[rd] = Long.compareUnsigned(a, b) < 0 ? 1 : 0;
                    pc += 4;
                }
                case Op.XOR -> {
                    x[rd] = a ^ b;
                    pc += 4;
                }
                case Op.SRL -> {
                    x[rd] = a >>> b;
                    pc += 4;
                }
                case Op.SRA -> {
                    x[rd] = a >> b;
                    pc += 4;
                }
                case Op.OR -> {
                    x[rd] = a | b;
                    pc += 4;
                }
                case Op.AND -> {
                    x[rd] = a & b;
                    pc += 4;
                }
                case Op.ADDIW -> {
                    x[rd] = (int) (a + imm);
                    pc += 4;
                }
                case Op.SLLIW -> {
                    x[rd] = (int) a << imm;
                    pc += 4;
                }
                case Op.SRLIW -> {
                    x[rd] = (int) a >>> imm;
                    pc += 4;
                }
                case Op.SRAIW -> {
                    x[rd] = (int) a >> imm;
                    pc += 4;
                }
                case Op.ADDW -> {
                    x[rd] = (int) (a + b);
                    pc += 4;
                }
                case Op.SUBW -> {
                    x[rd] = (int) (a - b);
                    pc += 4;
                }
                case Op.SLLW -> {
                    x[rd] = (int) a << (int) b;
                    pc += 4;
                }
                case Op.SRLW -> {
                    x[rd] = (int) a >>> (int) b;
                    pc += 4;
                }
                case Op.SRAW -> {
                    x[rd] = (int) a >> (int) b;
                    pc += 4;
                }
                case Op.MUL -> {
                    x[rd] = a * b;
                    pc += 4;
                }
                case Op.MULH -> {
                    x[rd] = Math.multiplyHigh(a, b);
                    pc += 4;
                }
                case Op.MULHSU -> {
                    x[rd] = Math.multiplyHigh(a, b) + ((b >> 63) & a);
                    pc += 4;
                }
                case Op.MULHU -> {
                    x[rd] = Math.unsignedMultiplyHigh(a, b);
                    pc += 4;
                }
                case Op.DIV -> {
                    x[rd] = b == 0 ? -1 : a / b;
                    pc += 4;
                }
                case Op.DIVU -> {
                    x[rd] = b == 0 ? -1 : Long.divideUnsigned(a, b);
                    pc += 4;
                }
                case Op.REM -> {
                    x[rd] = b == 0 ? a : a % b;
                    pc += 4;
                }
                case Op.REMU -> {
                    x[rd] = b == 0 ? a : Long.remainderUnsigned(a, b);
                    pc += 4;
                }
                case Op.MULW -> {
                    x[rd] = (int) a * (int) b;
                    pc += 4;
                }
                case Op.DIVW -> {
                    x[rd] = (int) b == 0 ? -1 : (int) a / (int) b;
                    pc += 4;
                }
                case Op.DIVUW -> {
                    x[rd] = (int) b == 0 ? -1 : Integer.divideUnsigned((int) a, (int) b);
                    pc += 4;
                }
                case Op.REMW -> {
                    x[rd] = (int) b == 0 ? (int) a : (int) a % (int) b;
                    pc += 4;
                }
                case Op.REMUW -> {
                    x[rd] = (int) b == 0 ? (int) a : Integer.remainderUnsigned((int) a, (int) b);
                    pc += 4;
                }
                case Op.FENCE -> {
                    // fence rw,rw and friends: a full fence orders this hart's plain accesses for the other harts.
                    VarHandle.fullFence();
                    pc += 4;
                }
                case Op.ECALL -> {
                    stop = ECALL;
                    break loop;
                }
                case Op.EBREAK -> {
                    stop = EBREAK;
                    break loop;
                }
                case Op.WFI -> {
                    pc += 4;
                    n++;
                    stop = WFI;
                    break loop;
                }
                case Op.CSRRW, Op.CSRRS, Op.CSRRC, Op.CSRRWI, Op.CSRRSI, Op.CSRRCI -> {
                    long v = csr(h, d, h.instret + n);
                    if (v == Long.MIN_VALUE) {
                        h.faultInsn = (int) mem.read(pc, 4);
                        stop = ILLEGAL;
                        break loop;
                    }
                    x[rd] = v;
                    pc += 4;
                }
                case Op.BRANCH_MISALIGNED -> {
                    if (taken(rd, a, b)) {
                        stop = MISALIGNED;
                        break loop;
                    }
                    pc += 4;
                }
                case Op.ILLEGAL -> {
                    h.faultInsn = imm;
                    stop = ILLEGAL;
                    break loop;
                }
                default -> {
                    int r = Atomics.execute(h, mem, d, a, b);
                    if (r != BUDGET) {
                        stop = r;
                        break loop;
                    }
                    pc += 4;
                }
            }
            n++;
        }
        h.pc = pc;
        h.instret += n;
        return stop;
    }

    /** Whether a conditional branch with this funct3 is taken. */
    static boolean taken(int funct3, long a, long b) {
        return switch (funct3) {
            case 0 -> a == b;
            case 1 -> a != b;
            case 4 -> a < b;
            case 5 -> a >= b;
            case 6 -> Long.compareUnsigned(a, b) < 0;
            default -> Long.compareUnsigned(a, b) >= 0;
        };
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
