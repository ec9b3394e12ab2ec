package org.sysmodels.vcpu.model.isa;

import static org.sysmodels.vcpu.model.memory.GuestMemory.DRAM_START;

import java.lang.invoke.VarHandle;
import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * Runs a hart's instructions from their pre-decoded form until something needs the hypervisor: an access outside RAM
 * (MMIO), an {@code ecall}, an {@code ebreak}, a {@code wfi}, an instruction it cannot execute, or the end of the
 * instruction budget. This is the "guest mode" part of KVM_RUN; {@code KvmVcpu} turns each stop into what KVM does.
 *
 * <p>Speed: the code runs as {@link Block}s of pre-decoded instructions (decoded once, kept until a store overwrites
 * them), so there is no fetch, page check or budget check per instruction, and one count per block; a block goes to
 * the next through the links it keeps ({@link Block#link0}), without a lookup. Registers are a {@code long[]} (x0
 * never written: see {@link Decoded#DISCARD}). Naturally aligned loads and stores that hit RAM take a fast path of a
 * page-table read and one array element (pages are {@code long[]}: see {@code GuestMemory}), every load in one
 * place and every store in another. Nothing is allocated once the code is decoded.
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
        final BlockCache cache = BlockCache.of(mem);
        final long size = mem.size();
        long n = 0; // retired in this call
        int stop = BUDGET;
        Block block = Block.NONE;
        while (n < budget) {
            long pc = h.pc;
            Block next = block.link0;
            if (next.start != pc || !next.valid) {
                next = block.link1;
                if (next.start != pc || !next.valid) {
                    if (Long.compareUnsigned(pc - DRAM_START, size) >= 0) {
                        stop = FETCH_FAULT;
                        break;
                    }
                    if ((pc & 3) != 0) {
                        stop = MISALIGNED;
                        break;
                    }
                    next = cache.at(pc);
                    if (block != Block.NONE) {
                        block.link1 = block.link0;
                        block.link0 = next;
                    }
                }
            }
            block = next;
            long[] ops = block.ops;
            if (block.length > budget - n) {
                if (h.partial == null) {
                    h.partial = new long[GuestMemory.PAGE_SIZE / 4 + 1];
                }
                ops = block.prefix((int) (budget - n), h.partial);
            }
            long r = execute(h, mem, ops, block.start, h.instret + n, budget - n);
            n += (int) r;
            stop = (int) (r >>> STOP_SHIFT);
            if (stop != BUDGET) {
                break;
            }
        }
        h.instret += n;
        return stop;
    }

    private static final int STOP_SHIFT = 32;

    /**
     * Runs one block (or the first part of one): {@code ops} of the block at {@code start}, with {@code retired}
     * instructions retired before it (for the counter CSRs) and {@code left} more allowed. A block whose branch goes
     * back to its own start (a loop of one block) runs again here, without going back to {@link #run}, while another
     * pass fits in {@code left}. Kept apart from {@link #run}, and too large for the JIT to inline there, so that only
     * what the instructions need is live in registers while they run.
     *
     * @return the stop code (shifted by {@link #STOP_SHIFT}; {@link #BUDGET} = the block ended normally) and the
     *         instructions retired; {@code h.pc} is the next pc, or the instruction that stopped
     */
    private static long execute(Hart h, GuestMemory mem, long[] ops, long start, long retired, long left) {
        final long[] x = h.x;
        // The page tables and the size never change while a block runs: read them once (the JIT cannot hoist them
        // past the calls a slow path makes).
        final long[][] pages = mem.pages();
        final long[][] writable = mem.writablePages();
        final long ramSize = mem.size();
        long done = 0; // retired by earlier passes of a loop of one block
        for (int i = 0; ; i++) {
            long d = ops[i];
            int rd = (int) (d >>> 8) & 63;
            long a = x[(int) (d >>> 14) & 31];
            long b = x[(int) (d >>> 19) & 31];
            int imm = (int) (d >> 32);
            switch ((int) d & 0xFF) {
                case Op.NOP -> {
                }
                case Op.LUI -> x[rd] = imm;
                case Op.AUIPC -> x[rd] = start + 4L * i + imm;
                case Op.JAL -> {
                    long here = start + 4L * i;
                    long target = here + imm;
                    if ((target & 3) != 0) {
                        h.pc = here;
                        return (long) MISALIGNED << STOP_SHIFT | (done + i);
                    }
                    x[rd] = here + 4;
                    h.pc = target;
                    return done + i + 1;
                }
                case Op.JALR -> {
                    long here = start + 4L * i;
                    long target = (a + imm) & ~1L;
                    if ((target & 3) != 0) {
                        h.pc = here;
                        return (long) MISALIGNED << STOP_SHIFT | (done + i);
                    }
                    x[rd] = here + 4;
                    h.pc = target;
                    return done + i + 1;
                }
                case Op.BEQ -> {
                    if (a == b) {
                        if (imm == -4 * i && done + 2L * (i + 1) <= left) {
                            done += i + 1;
                            i = -1;
                            continue;
                        }
                        h.pc = start + 4L * i + imm;
                    } else {
                        h.pc = start + 4L * i + 4;
                    }
                    return done + i + 1;
                }
                case Op.BNE -> {
                    if (a != b) {
                        if (imm == -4 * i && done + 2L * (i + 1) <= left) {
                            done += i + 1;
                            i = -1;
                            continue;
                        }
                        h.pc = start + 4L * i + imm;
                    } else {
                        h.pc = start + 4L * i + 4;
                    }
                    return done + i + 1;
                }
                case Op.BLT -> {
                    if (a < b) {
                        if (imm == -4 * i && done + 2L * (i + 1) <= left) {
                            done += i + 1;
                            i = -1;
                            continue;
                        }
                        h.pc = start + 4L * i + imm;
                    } else {
                        h.pc = start + 4L * i + 4;
                    }
                    return done + i + 1;
                }
                case Op.BGE -> {
                    if (a >= b) {
                        if (imm == -4 * i && done + 2L * (i + 1) <= left) {
                            done += i + 1;
                            i = -1;
                            continue;
                        }
                        h.pc = start + 4L * i + imm;
                    } else {
                        h.pc = start + 4L * i + 4;
                    }
                    return done + i + 1;
                }
                case Op.BLTU -> {
                    if (Long.compareUnsigned(a, b) < 0) {
                        if (imm == -4 * i && done + 2L * (i + 1) <= left) {
                            done += i + 1;
                            i = -1;
                            continue;
                        }
                        h.pc = start + 4L * i + imm;
                    } else {
                        h.pc = start + 4L * i + 4;
                    }
                    return done + i + 1;
                }
                case Op.BGEU -> {
                    if (Long.compareUnsigned(a, b) >= 0) {
                        if (imm == -4 * i && done + 2L * (i + 1) <= left) {
                            done += i + 1;
                            i = -1;
                            continue;
                        }
                        h.pc = start + 4L * i + imm;
                    } else {
                        h.pc = start + 4L * i + 4;
                    }
                    return done + i + 1;
                }
                case Op.LB, Op.LH, Op.LW, Op.LD, Op.LBU, Op.LHU, Op.LWU -> {
                    // Every load: b is the base, aux the size minus one and whether it sign-extends.
                    long addr = b + imm;
                    long off = addr - DRAM_START;
                    int aux = (int) (d >>> 24);
                    int sizeMinus1 = aux & 7;
                    int unused = 56 - (sizeMinus1 << 3);
                    long v;
                    if ((off & sizeMinus1) == 0 && Long.compareUnsigned(off, ramSize) < 0) {
                        long[] p = pages[(int) (off >>> GuestMemory.PAGE_SHIFT)];
                        v = p == null ? 0 : p[((int) off & GuestMemory.PAGE_MASK) >>> 3] >>> ((off & 7) << 3);
                    } else if (mem.contains(addr, sizeMinus1 + 1)) {
                        v = mem.read(addr, sizeMinus1 + 1);
                    } else {
                        mmio(h, addr, sizeMinus1 + 1, (aux & Decoded.SIGNED) != 0, rd);
                        h.pc = start + 4L * i;
                        return (long) MMIO << STOP_SHIFT | (done + i);
                    }
                    v <<= unused;
                    x[rd] = (aux & Decoded.SIGNED) != 0 ? v >> unused : v >>> unused;
                }
                case Op.SB, Op.SH, Op.SW, Op.SD -> {
                    // Every store: rd is the size minus one, a the base, b the value.
                    long addr = a + imm;
                    long off = addr - DRAM_START;
                    int sizeMinus1 = rd & 7;
                    boolean overwroteCode;
                    if ((off & sizeMinus1) == 0 && Long.compareUnsigned(off, ramSize) < 0) {
                        long[] p = writable[(int) (off >>> GuestMemory.PAGE_SHIFT)];
                        if (p != null) {
                            int w = ((int) off & GuestMemory.PAGE_MASK) >>> 3;
                            int shift = (int) (off & 7) << 3;
                            long mask = (-1L >>> (56 - (sizeMinus1 << 3))) << shift;
                            p[w] = p[w] & ~mask | (b << shift) & mask;
                            overwroteCode = false;
                        } else {
                            overwroteCode = mem.store(addr, sizeMinus1 + 1, b);
                        }
                    } else if (mem.contains(addr, sizeMinus1 + 1)) {
                        overwroteCode = mem.store(addr, sizeMinus1 + 1, b);
                    } else {
                        mmioStore(h, addr, sizeMinus1 + 1, b);
                        h.pc = start + 4L * i;
                        return (long) MMIO << STOP_SHIFT | (done + i);
                    }
                    if (overwroteCode) {
                        // This block may be stale now: go on from the next instruction, decoded afresh.
                        h.pc = start + 4L * i + 4;
                        return done + i + 1;
                    }
                }
                case Op.ADDI -> x[rd] = a + imm;
                case Op.SLTI -> x[rd] = a < imm ? 1 : 0;
                case Op.SLTIU -> x[rd] = Long.compareUnsigned(a, imm) < 0 ? 1 : 0;
                case Op.XORI -> x[rd] = a ^ imm;
                case Op.ORI -> x[rd] = a | imm;
                case Op.ANDI -> x[rd] = a & imm;
                case Op.SLLI -> x[rd] = a << imm;
                case Op.SRLI -> x[rd] = a >>> imm;
                case Op.SRAI -> x[rd] = a >> imm;
                case Op.ADD -> x[rd] = a + b;
                case Op.SUB -> x[rd] = a - b;
                case Op.SLL -> x[rd] = a << b;
                case Op.SLT -> x[rd] = a < b ? 1 : 0;
                case Op.SLTU -> x[rd] = Long.compareUnsigned(a, b) < 0 ? 1 : 0;
                case Op.XOR -> x[rd] = a ^ b;
                case Op.SRL -> x[rd] = a >>> b;
                case Op.SRA -> x[rd] = a >> b;
                case Op.OR -> x[rd] = a | b;
                case Op.AND -> x[rd] = a & b;
                // The word instructions compute on ints, so they share no expression with their 64-bit twins.
                case Op.ADDIW -> x[rd] = (int) a + imm;
                case Op.SLLIW -> x[rd] = (int) a << imm;
                case Op.SRLIW -> x[rd] = (int) a >>> imm;
                case Op.SRAIW -> x[rd] = (int) a >> imm;
                case Op.ADDW -> x[rd] = (int) a + (int) b;
                case Op.SUBW -> x[rd] = (int) a - (int) b;
                case Op.SLLW -> x[rd] = (int) a << (int) b;
                case Op.SRLW -> x[rd] = (int) a >>> (int) b;
                case Op.SRAW -> x[rd] = (int) a >> (int) b;
                case Op.MUL -> x[rd] = a * b;
                case Op.MULH -> x[rd] = Math.multiplyHigh(a, b);
                case Op.MULHSU -> x[rd] = Math.multiplyHigh(a, b) + ((b >> 63) & a);
                case Op.MULHU -> x[rd] = Math.unsignedMultiplyHigh(a, b);
                case Op.DIV -> x[rd] = b == 0 ? -1 : a / b;
                case Op.DIVU -> x[rd] = b == 0 ? -1 : Long.divideUnsigned(a, b);
                case Op.REM -> x[rd] = b == 0 ? a : a % b;
                case Op.REMU -> x[rd] = b == 0 ? a : Long.remainderUnsigned(a, b);
                case Op.MULW -> x[rd] = (int) a * (int) b;
                case Op.DIVW -> x[rd] = (int) b == 0 ? -1 : (int) a / (int) b;
                case Op.DIVUW -> x[rd] = (int) b == 0 ? -1 : Integer.divideUnsigned((int) a, (int) b);
                case Op.REMW -> x[rd] = (int) b == 0 ? (int) a : (int) a % (int) b;
                case Op.REMUW -> x[rd] = (int) b == 0 ? (int) a : Integer.remainderUnsigned((int) a, (int) b);
                // fence rw,rw and friends: a full fence orders this hart's plain accesses for the other harts.
                case Op.FENCE -> VarHandle.fullFence();
                case Op.FENCE_I -> {
                    // Stores already dropped the blocks they overwrote; the block ends here so the next one is looked
                    // up afresh.
                    h.pc = start + 4L * i + 4;
                    return done + i + 1;
                }
                case Op.ECALL -> {
                    h.pc = start + 4L * i;
                    return (long) ECALL << STOP_SHIFT | (done + i);
                }
                case Op.EBREAK -> {
                    h.pc = start + 4L * i;
                    return (long) EBREAK << STOP_SHIFT | (done + i);
                }
                case Op.ILLEGAL -> {
                    h.faultInsn = imm;
                    h.pc = start + 4L * i;
                    return (long) ILLEGAL << STOP_SHIFT | (done + i);
                }
                case Op.WFI -> {
                    h.pc = start + 4L * i + 4;
                    return (long) WFI << STOP_SHIFT | (done + i + 1);
                }
                case Op.CSRRW, Op.CSRRS, Op.CSRRC, Op.CSRRWI, Op.CSRRSI, Op.CSRRCI -> {
                    long v = csr(h, d, retired + done + i);
                    if (v == Long.MIN_VALUE) {
                        h.pc = start + 4L * i;
                        h.faultInsn = (int) mem.read(h.pc, 4);
                        return (long) ILLEGAL << STOP_SHIFT | (done + i);
                    }
                    x[rd] = v;
                }
                case Op.BRANCH_MISALIGNED -> {
                    h.pc = start + 4L * i;
                    if (taken(rd, a, b)) {
                        return (long) MISALIGNED << STOP_SHIFT | (done + i);
                    }
                    h.pc += 4;
                    return done + i + 1;
                }
                case Op.BLOCK_END -> {
                    h.pc = start + 4L * i;
                    return done + i;
                }
                default -> {
                    // The A extension; an atomic ends its block.
                    h.pc = start + 4L * i;
                    int r = Atomics.execute(h, mem, d, a, b);
                    if (r != BUDGET) {
                        return (long) r << STOP_SHIFT | (done + i);
                    }
                    h.pc += 4;
                    return done + i + 1;
                }
            }
        }
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
