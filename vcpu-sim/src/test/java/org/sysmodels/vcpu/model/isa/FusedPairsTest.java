package org.sysmodels.vcpu.model.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.testing.Props;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.testing.Asm;

/**
 * The fused pairs ({@link Op#ANDI_SLLI}, {@link Op#ADD_LOAD}, {@link Op#XOR_SEXT}) do exactly what their two
 * instructions do one at a time: against the reference CPU on random streams made of such pairs (and near misses
 * that must not fuse), with loads that miss RAM half-way through a pair, budgets that end between the two halves,
 * and stores that rewrite the second half of a pair that has run fused already; and in the cases below, each
 * written out.
 */
class FusedPairsTest {

    static final long CODE = GuestMemory.DRAM_START;
    static final long DATA = GuestMemory.DRAM_START + 0x1000;

    static int andi(int rd, int rs, int imm) {
        return Asm.i(imm, rs, 7, rd, 0x13);
    }

    static int slli(int rd, int rs, int sh) {
        return Asm.i(sh & 63, rs, 1, rd, 0x13);
    }

    static int add(int rd, int rs1, int rs2) {
        return Asm.r(0, rs2, rs1, 0, rd, 0x33);
    }

    static int xor(int rd, int rs1, int rs2) {
        return Asm.r(0, rs2, rs1, 4, rd, 0x33);
    }

    static int sextw(int rd, int rs) {
        return Asm.i(0, rs, 0, rd, 0x1B);
    }

    static int load(int funct3, int rd, int rs, int imm) {
        return Asm.i(imm, rs, funct3, rd, 0x03);
    }

    static int sw(int rs2, int rs1, int imm) {
        return Asm.s(imm, rs2, rs1, 2, 0x23);
    }

    static GuestMemory load(int... words) {
        GuestMemory mem = new GuestMemory(64 << 10);
        for (int k = 0; k < words.length; k++) {
            mem.write(CODE + 4L * k, 4, words[k]);
        }
        return mem;
    }

    /** A pair, a near miss, a store into the program, or a branch; {@code r} picks registers and immediates. */
    static List<Integer> unit(int kind, int r, int index, int length) {
        int rd = 10 + (r & 3);
        int other = 10 + (r >>> 2 & 3);
        int rs = 1 + (r >>> 4 & 15);          // 1-5 point into memory (see programs), 6-16 hold other values
        int imm = (r >>> 8 & 0xFFF) - 0x800;
        int f3 = new int[] {0, 1, 2, 3, 4, 5, 6, 2}[r >>> 20 & 7];
        return switch (kind) {
            case 0 -> List.of(andi(rd, rs, imm), slli(rd, rd, r >>> 24));
            case 1 -> List.of(add(rd, 1 + (r >>> 4 & 3) + (r >>> 27 & 1), (r & 0x200) == 0 ? 0 : 6),
                    load(f3, rd, rd, (r >>> 24 & 0x3F) - 32));
            case 2 -> List.of(xor(rd, rs, 10 + (r >>> 26 & 3)), sextw(rd, rd));
            // Near misses: the second instruction reads or writes another register, or sign-extends another one.
            case 3 -> List.of(andi(rd, rs, imm), slli(other, rd, r >>> 24));
            case 4 -> List.of(add(rd, 1, 0), load(f3, other, rd, 8));
            case 5 -> List.of(xor(rd, rs, rs), sextw(rd, other));
            case 6 -> List.of(xor(rd, rs, rs), Asm.i(1, rd, 0, rd, 0x1B)); // addiw rd, rd, 1 is not sext.w
            // Rewrite a word of the program (x5 = its start) with x7 or x8: often the second half of a pair.
            case 7 -> List.of(sw((r & 1) == 0 ? 7 : 8, 5, 4 * ((r >>> 1 & 0x7FFF) % length)));
            // Back to the start (a loop of one block, or of several) or to any word.
            case 8 -> List.of(Asm.b(-4 * index, 13, 12, 1));
            default -> List.of(Asm.b(4 * ((r >>> 3 & 0x7FFF) % length - index), other, rd, f3 == 2 ? 4 : 0));
        };
    }

    static Gen<InterpreterAgreesWithReferenceTest.Program> programs() {
        Gen<int[]> unit = integers().between(0, 9).zip(integers().all(), (k, r) -> new int[] {k, r});
        return lists().of(unit).ofSizeBetween(1, 16).zip(lists().of(longs().all()).ofSize(32),
                lists().of(integers().between(1, 120)).ofSize(4), (units, init, budgets) -> {
            // Lay the units out once to know the length, then again with the branch targets.
            int length = 0;
            for (int[] u : units) {
                length += unit(u[0], u[1], 0, 1).size();
            }
            List<Integer> words = new ArrayList<>();
            for (int[] u : units) {
                words.addAll(unit(u[0], u[1], words.size(), length));
            }
            long[] regs = InterpreterAgreesWithReferenceTest.pointerRegisters(init);
            regs[5] = CODE;                                  // the program: stores rewrite it
            regs[6] = init.get(6) & 0x3F;                    // a small index
            regs[7] = Asm.addi(10, 10, 7);                   // instruction words a store may put in the program
            regs[8] = slli(11, 11, 3);
            return new InterpreterAgreesWithReferenceTest.Program(words, regs, budgets);
        });
    }

    @Test
    void fusedPairsAgreeWithTheReferenceOnRandomStreams() {
        Props.property(400).forAll(programs()).checkAssert(InterpreterAgreesWithReferenceTest::agree);
    }

    @Test
    void thePairsOfTheCrcLoopAreFused() {
        GuestMemory mem = load(
                andi(15, 15, 0xFF), slli(15, 15, 2),  // 0
                add(15, 17, 15), load(2, 15, 15, 0),  // 8: lw
                xor(15, 15, 13), sextw(15, 15),       // 16
                Asm.EBREAK);
        Block b = BlockCache.of(mem).at(CODE);
        assertEquals(Op.ANDI_SLLI, Decoded.op(b.ops[0]));
        assertEquals(Op.ADD_LOAD, Decoded.op(b.ops[2]));
        assertEquals(Op.XOR_SEXT, Decoded.op(b.ops[4]));
        mem.write(DATA + 4 * 0x34, 4, 0x8765_4321L);
        Hart h = new Hart(0);
        h.pc = CODE;
        h.x[15] = 0x1234;
        h.x[17] = DATA;
        h.x[13] = 0x0000_0000_1111_1111L;
        assertEquals(Interpreter.EBREAK, Interpreter.run(h, mem, 100));
        assertEquals((long) (int) (0x8765_4321 ^ 0x1111_1111), h.x[15]);
        assertEquals(6, h.instret);
    }

    @Test
    void aLoadThatMissesRamStopsAfterTheAddOfItsPair() {
        GuestMemory mem = load(add(10, 11, 12), load(2, 10, 10, 4), Asm.EBREAK);
        Hart h = new Hart(0);
        h.pc = CODE;
        h.x[11] = 0x4000_2000L;
        h.x[12] = 0x10;
        assertEquals(Interpreter.MMIO, Interpreter.run(h, mem, 100));
        assertEquals(CODE + 4, h.pc, "stopped at the load");
        assertEquals(1, h.instret, "the add retired");
        assertEquals(0x4000_2010L, h.x[10], "the add's result is in rd");
        assertEquals(0x4000_2014L, h.mmioAddr);
    }

    @Test
    void aBudgetThatEndsBetweenTheHalvesRetiresOnlyTheFirst() {
        GuestMemory mem = load(andi(10, 10, 0xF), slli(10, 10, 4), Asm.EBREAK);
        Hart h = new Hart(0);
        h.pc = CODE;
        h.x[10] = 0x1234;
        assertEquals(Interpreter.BUDGET, Interpreter.run(h, mem, 1));
        assertEquals(4, h.x[10]);
        assertEquals(CODE + 4, h.pc);
        assertEquals(Interpreter.EBREAK, Interpreter.run(h, mem, 10));
        assertEquals(0x40, h.x[10]);
        assertEquals(2, h.instret);
    }

    @Test
    void aStoreBeforeAPairRewritesItsSecondHalfAtOnce() {
        // The block holds a fused andi+slli; the store in front of it replaces the slli before the pair runs.
        GuestMemory mem = load(
                sw(6, 5, 12),                         // 0: sw x6, 12(x5): rewrites the word at 12
                andi(10, 10, 0xFF),                   // 4
                andi(11, 11, 0xFF), slli(11, 11, 2),  // 8, 12: a pair, then addi x11, x11, 100
                Asm.EBREAK);
        assertEquals(Op.ANDI_SLLI, Decoded.op(BlockCache.of(mem).at(CODE).ops[2]));
        Hart h = new Hart(0);
        h.pc = CODE;
        h.x[5] = CODE;
        h.x[6] = Asm.addi(11, 11, 100);
        h.x[11] = 0x1FF;
        assertEquals(Interpreter.EBREAK, Interpreter.run(h, mem, 100));
        assertEquals(0xFF + 100, h.x[11]);
        assertEquals(4, h.instret);
    }

    @Test
    void aPairThatRanFusedIsRewrittenBetweenItsHalvesAndRunsAnew() {
        // A loop of one block with a fused xor+sext.w runs twice; then code after it replaces the sext.w with
        // an addi that adds 1, and jumps back: the pair must not run fused any more.
        GuestMemory mem = load(
                xor(10, 10, 11), sextw(10, 10),       // 0, 4: the pair
                Asm.addi(12, 12, 1),                  // 8
                Asm.b(-12, 13, 12, 1),                // 12: bne x12, x13, 0
                sw(6, 5, 4),                          // 16: sw x6, 4(x5): the second half becomes addi x10, x10, 1
                Asm.addi(13, 13, 1),                  // 20
                Asm.j(-24, 0));                       // 24: j 0
        Hart h = new Hart(0);
        h.pc = CODE;
        h.x[5] = CODE;
        h.x[6] = Asm.addi(10, 10, 1);
        h.x[10] = 0x0F0F_0F0F_8000_0000L;
        h.x[11] = 0x0F0F_0F0F_0000_0001L;
        h.x[13] = 2;
        assertEquals(Interpreter.BUDGET, Interpreter.run(h, mem, 8)); // two passes, fused
        assertEquals(Op.XOR_SEXT, Decoded.op(BlockCache.of(mem).at(CODE).ops[0]));
        assertEquals((long) (int) 0x8000_0000, h.x[10], "xor twice, each sign-extended");
        assertEquals(Interpreter.BUDGET, Interpreter.run(h, mem, 3 + 4));
        // After the rewrite: (x10 ^ x11) + 1, not sign-extended.
        assertEquals(((long) (int) 0x8000_0000 ^ 0x0F0F_0F0F_0000_0001L) + 1, h.x[10]);
        assertEquals(15, h.instret);
    }
}
