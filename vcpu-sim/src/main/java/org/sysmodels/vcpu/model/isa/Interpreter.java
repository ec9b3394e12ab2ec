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
            h.blockStart = block.start;
            h.blockLeft = Math.min(budget - n, MAX_PER_CALL);
            h.blockDone = 0;
            CompiledBlock compiled = block.compiled;
            long r;
            if (compiled != null && ops == block.ops) {
                r = compiled.execute(h, mem, ops);
            } else {
                r = execute(h, mem, ops);
                if ((block.heat += (int) r) >= cache.hotAfter && compiled == null && ops == block.ops) {
                    block.compiled = BlockTranslator.translate(block);
                }
            }
            n += (int) r;
            stop = (int) (r >>> STOP_SHIFT);
            if (stop == SLOW) {
                stop = SlowPath.execute(h, mem, ops[(int) ((h.pc - block.start) >>> 2)], h.instret + n);
                if (stop != BUDGET) {
                    break;
                }
                n++;
            } else if (stop != BUDGET) {
                break;
            }
        }
        h.instret += n;
        return stop;
    }

    static final int STOP_SHIFT = 32;
    /** Inside this package only: the instruction at pc needs {@link SlowPath#execute}; nothing is done of it yet. */
    static final int SLOW = 15;
    // How execute's exit word packs what its epilogue does (one int, so that each way out sets it with constants
    // and the JIT keeps no constant in a register for it): bits 0-15 the instructions retired in this pass, 16-19
    // the stop code, bit 20 whether a jump writes its link (the pc after it) to the register in bits 21-26.
    private static final int STOP_AT = 16;
    private static final int LINK = 1 << 20;
    private static final int LINK_AT = 21;
    /** execute's next index when a jalr has set the pc itself. */
    private static final int JUMPED = Integer.MIN_VALUE;
    /** At most this many instructions retire in one {@link #execute} (its count is an int). */
    private static final long MAX_PER_CALL = 1 << 30;

    /**
     * Runs one block (or the first part of one): {@code ops} of the block at {@code h.blockStart}, at most
     * {@code h.blockLeft} instructions. A block whose branch goes back to its own start (a loop of one block) runs
     * again here, without going back to {@link #run}, while another pass fits ({@code h.blockDone} counts the
     * earlier passes).
     *
     * <p>Shape, for the JIT (HotSpot C2 keeps a switch this size fast only under these rules): there is no call in the
     * loop, so nothing live has to be spilled around one: what needs a call (an access that is not a plain aligned
     * RAM access, a CSR, an atomic, a division) stops the block with {@link #SLOW} and {@link #run} does it with
     * {@link SlowPath#execute}. Every way out leaves through one epilogue, with the instruction it stops at (or goes to) as an
     * index into the block; the six conditional branches share one case; and each case reads the fields it needs
     * itself. An expression two cases compute alike is computed before the dispatch, for every instruction.
     * Pc-relative immediates arrive relative to the block's start ({@link Block}).
     *
     * @return the stop code (shifted by {@link #STOP_SHIFT}; {@link #BUDGET} = the block ended normally) and the
     *         instructions retired; {@code h.pc} is the next pc, or the instruction that stopped
     */
    static long execute(Hart h, GuestMemory mem, long[] ops) {
        final long[] x = h.x;
        int next; // index (from the block's start, in instructions) of the next pc or of the instruction that stopped
        int exit; // retired in this pass, the stop code, the link register to write (see STOP_AT)
        loop:
        for (int i = 0; ; i++) {
            long d = ops[i];
            switch ((int) d & 0xFF) {
                case Op.NOP -> {
                }
                case Op.LUI -> x[(int) (d >>> 8) & 63] = (int) (d >> 32);
                case Op.AUIPC -> x[(int) (d >>> 8) & 63] = h.blockStart + (int) (d >> 32); // relative to the block
                case Op.JAL -> {
                    int rel = (int) (d >> 32); // relative to the block
                    if ((rel & 3) != 0) {
                        next = i;
                        exit = i | MISALIGNED << STOP_AT;
                        break loop;
                    }
                    next = rel >> 2;
                    exit = (i + 1) | LINK | ((int) (d >>> 8) & 63) << LINK_AT;
                    break loop;
                }
                case Op.JALR -> {
                    long target = (x[(int) (d >>> 14) & 31] + (int) (d >> 32)) & ~1L;
                    if ((target & 3) != 0) {
                        next = i;
                        exit = i | MISALIGNED << STOP_AT;
                        break loop;
                    }
                    h.pc = target;
                    next = JUMPED;
                    exit = (i + 1) | LINK | ((int) (d >>> 8) & 63) << LINK_AT;
                    break loop;
                }
                case Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU -> {
                    int count = i + 1;
                    if (taken(d, x[(int) (d >>> 14) & 31], x[(int) (d >>> 19) & 31])) {
                        int rel = (int) (d >> 32); // relative to the block
                        if (rel == 0) {
                            long done = h.blockDone + count;
                            if (done + count <= h.blockLeft) {
                                h.blockDone = done;
                                i = -1;
                                continue;
                            }
                        }
                        next = rel >> 2;
                    } else {
                        next = count;
                    }
                    exit = count;
                    break loop;
                }
                case Op.LB, Op.LH, Op.LW, Op.LD, Op.LBU, Op.LHU, Op.LWU -> {
                    // Every load: rs2 is the base, aux the size minus one and whether it sign-extends.
                    long off = x[(int) (d >>> 19) & 31] + (int) (d >> 32) - DRAM_START;
                    int aux = (int) (d >>> 24);
                    long[] p = Access.loadPage(mem, off, aux & 7);
                    if (p == null) {
                        next = i;
                        exit = i | SLOW << STOP_AT;
                        break loop;
                    }
                    x[(int) (d >>> 8) & 63] = Access.load(p, off, aux);
                }
                case Op.SB, Op.SH, Op.SW, Op.SD -> {
                    // Every store: rd is the size minus one, rs1 the base, rs2 the value.
                    long off = x[(int) (d >>> 14) & 31] + (int) (d >> 32) - DRAM_START;
                    int sizeMinus1 = (int) (d >>> 8 & 7);
                    long[] p = Access.storePage(mem, off, sizeMinus1);
                    if (p == null) {
                        next = i;
                        exit = i | SLOW << STOP_AT;
                        break loop;
                    }
                    Access.store(p, off, sizeMinus1, x[(int) (d >>> 19) & 31]);
                }
                // Fused pairs (see Block): the second instruction retires too, so i moves past it.
                case Op.ANDI_SLLI -> {
                    // The shift amount from the slli's own word (see ADD_LOAD).
                    x[(int) (d >>> 8) & 63] = (x[(int) (d >>> 14) & 31] & (int) (d >> 32)) << (int) (ops[++i] >> 32);
                }
                case Op.XOR_SEXT -> {
                    x[(int) (d >>> 8) & 63] = (int) (x[(int) (d >>> 14) & 31] ^ x[(int) (d >>> 19) & 31]);
                    i++;
                }
                case Op.ADD_LOAD -> {
                    long base = x[(int) (d >>> 14) & 31] + x[(int) (d >>> 19) & 31];
                    x[(int) (d >>> 8) & 63] = base;
                    // The add retired; now the load, read from its own word (so that nothing here is the same
                    // expression as in the load's case, which the JIT would compute before the dispatch).
                    long e = ops[++i];
                    long off = base + (int) (e >> 32) - DRAM_START;
                    int aux = (int) (e >>> 24);
                    long[] p = Access.loadPage(mem, off, aux & 7);
                    if (p == null) {
                        next = i;
                        exit = i | SLOW << STOP_AT;
                        break loop;
                    }
                    x[(int) (e >>> 8) & 63] = Access.load(p, off, aux);
                }
                case Op.ADDI -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] + (int) (d >> 32);
                case Op.SLTI -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] < (int) (d >> 32) ? 1 : 0;
                case Op.SLTIU -> x[(int) (d >>> 8) & 63] =
                        Long.compareUnsigned(x[(int) (d >>> 14) & 31], (int) (d >> 32)) < 0 ? 1 : 0;
                case Op.XORI -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] ^ (int) (d >> 32);
                case Op.ORI -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] | (int) (d >> 32);
                case Op.ANDI -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] & (int) (d >> 32);
                case Op.SLLI -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] << (int) (d >> 32);
                case Op.SRLI -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] >>> (int) (d >> 32);
                case Op.SRAI -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] >> (int) (d >> 32);
                case Op.ADD -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] + x[(int) (d >>> 19) & 31];
                case Op.SUB -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] - x[(int) (d >>> 19) & 31];
                case Op.SLL -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] << x[(int) (d >>> 19) & 31];
                case Op.SLT -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] < x[(int) (d >>> 19) & 31] ? 1 : 0;
                case Op.SLTU -> x[(int) (d >>> 8) & 63] =
                        Long.compareUnsigned(x[(int) (d >>> 14) & 31], x[(int) (d >>> 19) & 31]) < 0 ? 1 : 0;
                case Op.XOR -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] ^ x[(int) (d >>> 19) & 31];
                case Op.SRL -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] >>> x[(int) (d >>> 19) & 31];
                case Op.SRA -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] >> x[(int) (d >>> 19) & 31];
                case Op.OR -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] | x[(int) (d >>> 19) & 31];
                case Op.AND -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] & x[(int) (d >>> 19) & 31];
                // The word instructions compute on ints, so they share no expression with their 64-bit twins.
                case Op.ADDIW -> x[(int) (d >>> 8) & 63] = (int) x[(int) (d >>> 14) & 31] + (int) (d >> 32);
                case Op.SLLIW -> x[(int) (d >>> 8) & 63] = (int) x[(int) (d >>> 14) & 31] << (int) (d >> 32);
                case Op.SRLIW -> x[(int) (d >>> 8) & 63] = (int) x[(int) (d >>> 14) & 31] >>> (int) (d >> 32);
                case Op.SRAIW -> x[(int) (d >>> 8) & 63] = (int) x[(int) (d >>> 14) & 31] >> (int) (d >> 32);
                case Op.ADDW -> x[(int) (d >>> 8) & 63] =
                        (int) x[(int) (d >>> 14) & 31] + (int) x[(int) (d >>> 19) & 31];
                case Op.SUBW -> x[(int) (d >>> 8) & 63] =
                        (int) x[(int) (d >>> 14) & 31] - (int) x[(int) (d >>> 19) & 31];
                case Op.SLLW -> x[(int) (d >>> 8) & 63] =
                        (int) x[(int) (d >>> 14) & 31] << (int) x[(int) (d >>> 19) & 31];
                case Op.SRLW -> x[(int) (d >>> 8) & 63] =
                        (int) x[(int) (d >>> 14) & 31] >>> (int) x[(int) (d >>> 19) & 31];
                case Op.SRAW -> x[(int) (d >>> 8) & 63] =
                        (int) x[(int) (d >>> 14) & 31] >> (int) x[(int) (d >>> 19) & 31];
                case Op.MUL -> x[(int) (d >>> 8) & 63] = x[(int) (d >>> 14) & 31] * x[(int) (d >>> 19) & 31];
                case Op.MULW -> x[(int) (d >>> 8) & 63] =
                        (int) x[(int) (d >>> 14) & 31] * (int) x[(int) (d >>> 19) & 31];
                // fence rw,rw and friends: a full fence orders this hart's plain accesses for the other harts.
                case Op.FENCE -> VarHandle.fullFence();
                case Op.FENCE_I -> {
                    // Stores already dropped the blocks they overwrote; the block ends here so the next one is looked
                    // up afresh.
                    next = i + 1;
                    exit = i + 1;
                    break loop;
                }
                case Op.ECALL -> {
                    next = i;
                    exit = i | ECALL << STOP_AT;
                    break loop;
                }
                case Op.EBREAK -> {
                    next = i;
                    exit = i | EBREAK << STOP_AT;
                    break loop;
                }
                case Op.ILLEGAL -> {
                    h.faultInsn = (int) (d >> 32);
                    next = i;
                    exit = i | ILLEGAL << STOP_AT;
                    break loop;
                }
                case Op.WFI -> {
                    next = i + 1;
                    exit = (i + 1) | WFI << STOP_AT;
                    break loop;
                }
                case Op.BRANCH_MISALIGNED -> {
                    boolean t = branchTaken((int) (d >>> 8) & 63, x[(int) (d >>> 14) & 31], x[(int) (d >>> 19) & 31]);
                    next = t ? i : i + 1;
                    exit = t ? i | MISALIGNED << STOP_AT : i + 1;
                    break loop;
                }
                case Op.BLOCK_END -> {
                    next = i;
                    exit = i;
                    break loop;
                }
                default -> {
                    // MULH and the divisions, the CSRs, the A extension.
                    next = i;
                    exit = i | SLOW << STOP_AT;
                    break loop;
                }
            }
        }
        int count = exit & 0xFFFF;
        long start = h.blockStart;
        if ((exit & LINK) != 0) {
            x[exit >>> LINK_AT] = start + ((long) count << 2);
        }
        if (next != JUMPED) {
            h.pc = start + ((long) next << 2);
        }
        return (long) (exit >>> STOP_AT & 15) << STOP_SHIFT | (h.blockDone + count);
    }

    /** Whether the conditional branch {@code d} (BEQ to BGEU) is taken. */
    private static boolean taken(long d, long a, long b) {
        return switch ((int) d & 0xFF) {
            case Op.BEQ -> a == b;
            case Op.BNE -> a != b;
            case Op.BLT -> a < b;
            case Op.BGE -> a >= b;
            case Op.BLTU -> Long.compareUnsigned(a, b) < 0;
            default -> Long.compareUnsigned(a, b) >= 0;
        };
    }

    /** Whether a conditional branch with this funct3 is taken. */
    static boolean branchTaken(int funct3, long a, long b) {
        return switch (funct3) {
            case 0 -> a == b;
            case 1 -> a != b;
            case 4 -> a < b;
            case 5 -> a >= b;
            case 6 -> Long.compareUnsigned(a, b) < 0;
            default -> Long.compareUnsigned(a, b) >= 0;
        };
    }
}
