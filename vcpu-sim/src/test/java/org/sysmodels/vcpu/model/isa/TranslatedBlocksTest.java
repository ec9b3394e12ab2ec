package org.sysmodels.vcpu.model.isa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

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
import org.sysmodels.vcpu.testing.RefCpu;

/**
 * Blocks translated to JVM methods ({@link BlockTranslator}) do exactly what the interpreter does one instruction at
 * a time: the random streams of {@link InterpreterAgreesWithReferenceTest} (every instruction class, code that
 * rewrites itself, MMIO, loops of one block, budgets that end anywhere) and of {@link FusedPairsTest} (the fused pairs
 * and their near misses), run with every block translated after its first run, against the reference CPU; and the
 * crc guest's hot loop, written out, at every budget that ends inside it.
 */
class TranslatedBlocksTest {

    static final long CODE = GuestMemory.DRAM_START;
    static final long DATA = GuestMemory.DRAM_START + 0x1000;

    @Test
    void translatedBlocksAgreeWithTheReferenceOnRandomStreams() {
        Props.property(600).forAll(InterpreterAgreesWithReferenceTest.programs())
                .checkAssert(p -> InterpreterAgreesWithReferenceTest.agree(p, 0));
    }

    /**
     * Straight-line integer code (every ALU, shift, word, multiply, lui and auipc form, with random registers and
     * immediates) closed by a branch back to its start: one block, translated after its first pass and then looping
     * inside its method; budgets end anywhere in a pass.
     */
    static Gen<InterpreterAgreesWithReferenceTest.Program> aluLoops() {
        Gen<Integer> kind = integers().between(0, 6).map(k -> k == 6 ? 10 : k);
        Gen<Integer> reg = integers().between(0, 31);
        // x31 is never written: the loop's branch compares it with a register that is.
        Gen<int[]> insn = kind.zip(integers().between(0, 30), reg, reg, integers().all(),
                (k, d, s1, s2, i) -> new int[] {k, d, s1, s2, i});
        return lists().of(insn).ofSizeBetween(1, 24).zip(lists().of(longs().all()).ofSize(32),
                lists().of(integers().between(1, 400)).ofSize(4), (raw, init, budgets) -> {
            List<Integer> words = new ArrayList<>();
            for (int[] r : raw) {
                words.add(InterpreterAgreesWithReferenceTest.instruction(r[0], r[1], r[2], r[3], r[4], 0, 1));
            }
            // bne x31, rs: taken unless rs happens to equal x31 (then the run falls off the program: illegal).
            words.add(Asm.b(-4 * words.size(), raw.get(0)[2], 31, 1));
            long[] regs = InterpreterAgreesWithReferenceTest.registers(init);
            return new InterpreterAgreesWithReferenceTest.Program(words, regs, budgets);
        });
    }

    @Test
    void translatedIntegerLoopsAgreeWithTheReference() {
        Props.property(400).forAll(aluLoops()).checkAssert(p -> InterpreterAgreesWithReferenceTest.agree(p, 0));
    }

    @Test
    void translatedFusedPairStreamsAgreeWithTheReference() {
        Props.property(300).forAll(FusedPairsTest.programs())
                .checkAssert(p -> InterpreterAgreesWithReferenceTest.agree(p, 0));
    }

    /** The crc guest's inner loop (crc32_update as gcc -O2 compiles it), then ebreak. */
    static GuestMemory crcLoop() {
        GuestMemory mem = new GuestMemory(64 << 10);
        int[] code = {
            Asm.i(0, 14, 4, 12, 0x03),                     // 0: lbu a2, 0(a4)
            Asm.i(8, 15, 5, 13, 0x1B),                     // 4: srliw a3, a5, 8
            Asm.addi(14, 14, 1),                           // 8: addi a4, a4, 1
            Asm.r(0, 12, 15, 4, 15, 0x33),                 // 12: xor a5, a5, a2
            Asm.i(0xFF, 15, 7, 15, 0x13),                  // 16: andi a5, a5, 255
            Asm.i(2, 15, 1, 15, 0x13),                     // 20: slli a5, a5, 2
            Asm.r(0, 15, 17, 0, 15, 0x33),                 // 24: add a5, a7, a5
            Asm.i(0, 15, 2, 15, 0x03),                     // 28: lw a5, 0(a5)
            Asm.r(0, 13, 15, 4, 15, 0x33),                 // 32: xor a5, a5, a3
            Asm.i(0, 15, 0, 15, 0x1B),                     // 36: sext.w a5, a5
            Asm.b(-40, 11, 14, 1),                         // 40: bne a4, a1, 0
            Asm.EBREAK};                                   // 44
        for (int k = 0; k < code.length; k++) {
            mem.write(CODE + 4L * k, 4, code[k]);
        }
        for (int k = 0; k < 256; k++) {
            mem.write(DATA + 4L * k, 4, 0x9E37_79B9L * (k + 1));
        }
        for (int k = 0; k < 100; k++) {
            mem.write(DATA + 0x800 + k, 1, k * 37 + 11);
        }
        return mem;
    }

    static void crcRegisters(long[] x) {
        x[14] = DATA + 0x800; // a4: the bytes
        x[11] = DATA + 0x800 + 100; // a1: their end
        x[17] = DATA; // a7: the table
        x[15] = 0xFFFF_FFFF_FFFF_FFFFL; // a5: ~crc
    }

    /** The crc loop in guest memory with its hot threshold, a hart and the reference CPU on their own copy, at CODE. */
    private record CrcRun(GuestMemory mem, Hart h, RefCpu ref) {
        static CrcRun of(int hotAfter) {
            GuestMemory mem = crcLoop();
            BlockCache.of(mem).hotAfter = hotAfter;
            Hart h = new Hart(0);
            RefCpu ref = new RefCpu(crcLoop());
            crcRegisters(h.x);
            crcRegisters(ref.x);
            h.pc = CODE;
            ref.pc = CODE;
            return new CrcRun(mem, h, ref);
        }
    }

    @Test
    void theCrcLoopIsTranslatedAndAgreesAtEveryBudget() {
        for (int budget = 1; budget <= 11 * 100 + 2; budget += 7) {
            CrcRun r = CrcRun.of(0);
            GuestMemory mem = r.mem();
            Hart h = r.h();
            RefCpu ref = r.ref();
            // One instruction interpreted (the block is hot after it), then the rest in budget-sized runs.
            for (int run = 0; run < 2000 && h.pc != CODE + 44; run++) {
                int b = run == 0 ? 1 : budget;
                assertEquals(ref.run(b), Interpreter.run(h, mem, b), "stop, budget " + budget);
                assertEquals(ref.pc, h.pc, "pc, budget " + budget);
                assertEquals(ref.instret, h.instret, "instret, budget " + budget);
                assertArrayEquals(ref.x, java.util.Arrays.copyOf(h.x, 32), "registers, budget " + budget);
            }
            assertEquals(CODE + 44, h.pc);
            assertEquals(11 * 100, h.instret);
            if (budget > 11) {
                CompiledBlock c = BlockCache.of(mem).at(CODE).compiled;
                assertNotNull(c, "budget " + budget);
                assertNotSame(CompiledBlock.INTERPRETED, c, "the loop ran as a translated block");
            }
        }
    }

    @Test
    void aLoopThatReadsInstretLeavesTheTranslatedBlockForTheCsrAndComesBack() {
        for (int f3 : new int[] {1, 4}) {
            GuestMemory mem = LoopOfOneBlockTest.loop(f3);
            BlockCache.of(mem).hotAfter = 0;
            LoopOfOneBlockTest.runsAndCountsExactly(mem);
        }
    }

    @Test
    void aBlockIsTranslatedOnceItHasRetiredHotAfterInstructions() {
        CrcRun r = CrcRun.of(110); // one block of 11 instructions, 100 passes
        GuestMemory mem = r.mem();
        Hart h = r.h();
        RefCpu ref = r.ref();
        assertEquals(Interpreter.BUDGET, Interpreter.run(h, mem, 11 * 9));
        Block loop = BlockCache.of(mem).at(CODE);
        assertNull(loop.compiled, "99 retired: not hot yet");
        assertEquals(Interpreter.BUDGET, Interpreter.run(h, mem, 11));
        assertNotNull(loop.compiled, "110 retired: translated");
        assertNotSame(CompiledBlock.INTERPRETED, loop.compiled);
        assertEquals(Interpreter.EBREAK, Interpreter.run(h, mem, 10_000));
        assertEquals(Interpreter.EBREAK, ref.run(10_000));
        assertEquals(11 * 100, h.instret);
        assertEquals(ref.pc, h.pc);
        assertArrayEquals(ref.x, java.util.Arrays.copyOf(h.x, 32));
    }

    @Test
    void whatCannotBeTranslatedStaysInterpreted() {
        GuestMemory mem = new GuestMemory(64 << 10);
        mem.write(CODE, 4, Asm.addi(10, 10, 1));
        mem.write(CODE + 4, 4, Asm.b(6, 0, 0, 0)); // beq x0, x0, +6: a misaligned target
        Block misaligned = BlockCache.of(mem).at(CODE);
        assertNull(BlockTranslator.classFile(misaligned));
        assertSame(CompiledBlock.INTERPRETED, BlockTranslator.translate(misaligned));
        GuestMemory big = new GuestMemory(64 << 10);
        for (int k = 0; k <= BlockTranslator.MAX_LENGTH; k++) {
            big.write(CODE + 4L * k, 4, Asm.addi(10, 10, 1));
        }
        assertNull(BlockTranslator.classFile(BlockCache.of(big).at(CODE)));
    }
}
