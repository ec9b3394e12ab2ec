package org.sysmodels.vcpu.model.isa;

/**
 * A basic block: the pre-decoded instructions from {@code start} up to and including the first one after which the
 * next pc is not simply the following word (a jump, a branch, {@code ecall}, {@code ebreak}, {@code wfi}, an illegal
 * encoding, {@code fence.i}, an atomic), or up to the end of the page. The interpreter runs a block as a straight
 * sequence: no fetch, no page check and no budget check per instruction, and the instructions retired are counted
 * once per block.
 *
 * <p>{@link #ops} is what the interpreter dispatches on: slot k is instruction k (with a pc-relative immediate made
 * relative to the block's start), and a block that ends at the page
 * end has {@link Op#BLOCK_END} after its last instruction. {@link #plain} is the instructions without the marker, for
 * running only the first few when the budget ends inside the block.
 *
 * <p>Blocks never change once built. A store to a word of a block drops every block of its page ({@link #valid}
 * false); {@link #link0} and {@link #link1} remember the blocks that followed this one lately, so the common case of
 * going from block to block needs no lookup.
 */
final class Block {

    final long start;
    final long[] ops;
    final long[] plain;
    /** Instructions in the block. */
    final int length;
    boolean valid = true;
    Block link0 = NONE;
    Block link1 = NONE;
    /**
     * Instructions this block retired interpreted (not those of the slow path); at {@code BlockCache.hotAfter} it is
     * translated.
     */
    long heat;
    /** The block as a method of its own ({@link BlockTranslator}), or how it runs otherwise; null until hot. */
    CompiledBlock compiled;

    /**
     * "No block": where links point before they are set, and the block before the first. It matches no pc (it is
     * never valid), so the interpreter needs no null checks on its way from block to block.
     */
    static final Block NONE = new Block(-1, new long[0], false);

    static {
        NONE.valid = false;
        NONE.link0 = NONE;
        NONE.link1 = NONE;
    }

    /**
     * @param decoded the decoded instructions from {@code start} (as {@link Decoder} gives them: pc-relative
     *                immediates relative to each instruction)
     */
    Block(long start, long[] decoded, boolean endMarker) {
        this.start = start;
        this.plain = relativeToStart(decoded);
        this.ops = java.util.Arrays.copyOf(plain, plain.length + (endMarker ? 1 : 0));
        fuse(ops, plain.length);
        if (endMarker) {
            ops[plain.length] = Decoded.pack(Op.BLOCK_END, 0, 0, 0, 0);
        }
        this.length = plain.length;
    }

    /**
     * Puts a fused operation in slot k of each pair of instructions k, k+1 that is one of the {@link Op} pairs
     * ({@link Op#ANDI_SLLI}, {@link Op#ADD_LOAD}, {@link Op#XOR_SEXT}), where the second instruction reads and
     * overwrites only the first one's result; pairs do not overlap. Slot k+1 keeps the second instruction. A
     * block's instructions never change (a store into one drops the block), so a pair stays a pair while it runs;
     * {@link #prefix} copies the unfused instructions.
     */
    private static void fuse(long[] ops, int length) {
        for (int k = 0; k + 1 < length; k++) {
            long d = ops[k];
            long e = ops[k + 1];
            int rd = Decoded.rd(d);
            int fused = switch (Decoded.op(d)) {
                case Op.ANDI -> Decoded.op(e) == Op.SLLI && Decoded.rd(e) == rd && Decoded.rs1(e) == rd
                        ? Op.ANDI_SLLI : 0;
                case Op.ADD -> Decoded.op(e) >= Op.LB && Decoded.op(e) <= Op.LWU && Decoded.rd(e) == rd
                        && Decoded.rs2(e) == rd ? Op.ADD_LOAD : 0;
                case Op.XOR -> Decoded.op(e) == Op.ADDIW && Decoded.imm(e) == 0 && Decoded.rd(e) == rd
                        && Decoded.rs1(e) == rd ? Op.XOR_SEXT : 0;
                default -> 0;
            };
            if (fused == Op.ANDI_SLLI) {
                ops[k] = d & ~0xFFL | fused;
                k++;
            } else if (fused == Op.ADD_LOAD) {
                // The add's fields; the interpreter reads the load's from slot k+1.
                ops[k] = d & ~0xFFL | fused;
                k++;
            } else if (fused == Op.XOR_SEXT) {
                ops[k] = d & ~0xFFL | fused;
                k++;
            }
        }
    }

    /**
     * The immediates of {@code auipc}, {@code jal} and the conditional branches made relative to the block's start
     * (instruction k's plus 4k), so the interpreter adds them to the start without computing the instruction's pc;
     * a branch back to the start then has 0. They fit: a branch's and a jump's offsets are small, and an
     * {@code auipc}'s has its low 12 bits clear.
     */
    private static long[] relativeToStart(long[] decoded) {
        long[] r = decoded.clone();
        for (int k = 0; k < r.length; k++) {
            long d = r[k];
            switch (Decoded.op(d)) {
                case Op.AUIPC, Op.JAL, Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU ->
                        r[k] = (d & 0xFFFF_FFFFL) | (long) (Decoded.imm(d) + 4 * k) << 32;
                default -> {
                }
            }
        }
        return r;
    }

    /** True if the block ends after an instruction with this operation code. */
    static boolean endsBlock(int op) {
        return switch (op) {
            case Op.JAL, Op.JALR, Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU, Op.BRANCH_MISALIGNED, Op.ECALL,
                 Op.EBREAK, Op.WFI, Op.ILLEGAL, Op.FENCE_I -> true;
            default -> op >= Op.LR_W && op <= Op.AMOMAXU_D;
        };
    }

    /**
     * The first {@code count} instructions of this block as a block of their own, written into {@code scratch}:
     * what the interpreter runs when its budget ends inside this block.
     */
    long[] prefix(int count, long[] scratch) {
        System.arraycopy(plain, 0, scratch, 0, count);
        scratch[count] = Decoded.pack(Op.BLOCK_END, 0, 0, 0, 0);
        return scratch;
    }
}
