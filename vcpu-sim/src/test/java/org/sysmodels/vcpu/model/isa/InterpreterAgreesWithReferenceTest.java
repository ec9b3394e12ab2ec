package org.sysmodels.vcpu.model.isa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.testing.Props;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.testing.Asm;
import org.sysmodels.vcpu.testing.RefCpu;

/**
 * The interpreter (pre-decoded, fast paths) and a second, plain reference implementation run the same random
 * instruction streams from the same state; every stop, register, counter, MMIO request and byte of memory must agree.
 * The streams mix every instruction class with random registers and immediates, base registers that point into RAM
 * (so loads, stores and atomics hit it, at any alignment), into the program itself (so stores and atomics rewrite
 * instructions, before or after the one running, decoded already or not) or just outside RAM (MMIO), branches and
 * jumps within the program (and back to its start: loops of one block), and raw random words (illegal or not). Each
 * round runs a random budget, so runs end at any instruction of a block. QuickTheories shrinks a failure to a
 * minimal stream.
 */
class InterpreterAgreesWithReferenceTest {

    static final long CODE = GuestMemory.DRAM_START;
    static final long DATA = GuestMemory.DRAM_START + 0x1000;

    /** One random instruction from a template chosen by {@code kind}. */
    static int instruction(int kind, int rd, int rs1, int rs2, int imm, int index, int length) {
        int imm12 = imm & 0xFFF;
        int small = (imm & 0x3F) - 32;
        int f3 = imm >>> 29 & 7;
        return switch (kind) {
            case 0 -> Asm.i(imm12, rs1, new int[] {0, 2, 3, 4, 6, 7, 0, 0}[f3], rd, 0x13);
            case 1 -> Asm.i((imm & 63) | ((imm >>> 31) == 0 ? 0 : 0x400), rs1, (imm & 0x40) == 0 ? 1 : 5, rd, 0x13);
            case 2 -> Asm.r((imm & 1) == 0 ? 0 : 0x20, rs2, rs1, (imm & 1) == 0 ? f3 : ((imm & 2) == 0 ? 0 : 5), rd,
                    0x33);
            case 3 -> Asm.r(1, rs2, rs1, f3, rd, 0x33);
            case 4 -> Asm.r(new int[] {0, 0x20, 1, 0}[imm & 3], rs2, rs1, new int[] {0, 1, 5, 0, 4, 5, 6, 7}[f3], rd,
                    0x3B);
            case 5 -> Asm.i(imm12, rs1, new int[] {0, 1, 5, 0, 1, 5, 0, 0}[f3], rd, 0x1B);
            case 6 -> Asm.i(small, memBase(rs1), f3 == 7 ? 3 : f3, rd, 0x03);
            case 7 -> Asm.s(small, rs2, memBase(rs1), f3 & 3, 0x23);
            case 8 -> Asm.b(4 * (((imm & 0x7FFF) % length) - index), rs2, rs1, new int[] {0, 1, 4, 5, 6, 7, 0, 1}[f3]);
            case 9 -> Asm.j(4 * (((imm & 0x7FFF) % length) - index), rd);
            case 10 -> Asm.u(imm >>> 12, rd, (imm & 1) == 0 ? 0x37 : 0x17);
            case 11 -> Asm.r(new int[] {0x08, 0x0C, 0, 4, 0x10, 0x14, 0x18, 0x1C}[f3] << 2, rs2, memBase(rs1),
                    (imm & 1) == 0 ? 2 : 3, rd, 0x2F);
            case 12 -> Asm.r((imm & 1) == 0 ? 0x08 : 0x0C, (imm & 1) == 0 ? 0 : rs2, memBase(rs1),
                    (imm & 2) == 0 ? 2 : 3, rd, 0x2F);
            case 13 -> Asm.i(0xC00 + (imm & 3), (imm & 4) == 0 ? 0 : rs1, 2 + (imm & 1), rd, 0x73);
            case 14 -> new int[] {0x0FF0000F, 0x0000100F, Asm.WFI, Asm.ECALL, Asm.EBREAK, 0, 0x13, 0x7FFF_FFFF}[f3];
            // A branch back to the start of the program: a loop of one block, run again without leaving it.
            case 15 -> Asm.b(-4 * index, rs2, rs1, new int[] {0, 1, 4, 5, 6, 7, 0, 1}[f3]);
            default -> imm;
        };
    }

    /** Registers 1-4 hold addresses in or near the data page, register 5 one in the program. */
    static int memBase(int r) {
        return 1 + r % 5;
    }

    record Program(List<Integer> words, long[] regs, List<Integer> budgets) {
    }

    static Gen<Program> programs() {
        Gen<Integer> kind = integers().between(0, 17);
        Gen<Integer> reg = integers().between(0, 31);
        Gen<Integer> imm = integers().all();
        Gen<int[]> insn = kind.zip(reg, reg, reg, imm, (k, d, s1, s2, i) -> new int[] {k, d, s1, s2, i});
        Gen<List<Integer>> budgets = lists().of(integers().between(1, 200)).ofSize(4);
        return lists().of(insn).ofSizeBetween(1, 40).zip(lists().of(longs().all()).ofSize(32), budgets,
                (raw, init, budget) -> {
            int n = raw.size();
            List<Integer> words = new java.util.ArrayList<>();
            for (int k = 0; k < n; k++) {
                int[] r = raw.get(k);
                words.add(instruction(r[0], r[1], r[2], r[3], r[4], k, n));
            }
            long[] regs = pointerRegisters(init);
            regs[5] = CODE + (init.get(5) & 0x9F);           // in the program: code that writes code
            return new Program(words, regs, budget);
        });
    }

    @Test
    void interpreterAgreesWithReferenceOnRandomStreams() {
        Props.property(600).forAll(programs()).checkAssert(InterpreterAgreesWithReferenceTest::agree);
    }

    static void agree(Program p) {
        agree(p, BlockTranslator.HOT_AFTER);
    }

    /** As {@link #agree(Program)}, with blocks translated once they have retired {@code hotAfter} instructions. */
    static void agree(Program p, long hotAfter) {
        GuestMemory m1 = new GuestMemory(64 << 10);
        GuestMemory m2 = new GuestMemory(64 << 10);
        BlockCache.of(m1).hotAfter = hotAfter;
        for (int k = 0; k < p.words().size(); k++) {
            m1.write(CODE + 4L * k, 4, p.words().get(k));
            m2.write(CODE + 4L * k, 4, p.words().get(k));
        }
        for (int k = 0; k < 64; k++) {
            m1.write(DATA + 8L * k, 8, 0x0123_4567_89AB_CDEFL * (k + 1));
            m2.write(DATA + 8L * k, 8, 0x0123_4567_89AB_CDEFL * (k + 1));
        }
        Hart h = new Hart(0);
        RefCpu ref = new RefCpu(m2);
        System.arraycopy(p.regs(), 0, h.x, 0, 32);
        System.arraycopy(p.regs(), 0, ref.x, 0, 32);
        h.x[0] = 0;
        ref.x[0] = 0;
        h.pc = CODE;
        ref.pc = CODE;
        for (int round = 0; round < 4; round++) {
            int s1 = Interpreter.run(h, m1, p.budgets().get(round));
            int s2 = ref.run(p.budgets().get(round));
            String where = "round " + round + " pc " + Long.toHexString(ref.pc) + " " + p.words().stream()
                    .map(w -> String.format("%08x", w)).toList();
            assertEquals(s2, s1, "stop code, " + where);
            assertEquals(ref.pc, h.pc, "pc, " + where);
            assertEquals(ref.instret, h.instret, "instret, " + where);
            assertArrayEquals(ref.x, java.util.Arrays.copyOf(h.x, 32), "registers, " + where);
            assertEquals(-1, m1.firstDifference(m2), "memory, " + where);
            if (s1 == Interpreter.MMIO) {
                assertEquals(ref.mmioAddr, h.mmioAddr, where);
                assertEquals(ref.mmioLen, h.mmioLen, where);
                assertEquals(ref.mmioWrite, h.mmioWrite, where);
                if (h.mmioWrite) {
                    assertEquals(ref.mmioData, h.mmioData, where);
                }
                h.pc += 4;
                ref.pc += 4;
                if (!h.mmioWrite && h.mmioRd != Decoded.DISCARD) {
                    h.x[h.mmioRd] = 0;
                }
                if (!h.mmioWrite) {
                    int rd = (int) (m2.read(ref.pc - 4, 4) >> 7) & 31;
                    if (rd != 0) {
                        ref.x[rd] = 0;
                    }
                }
            } else if (s1 == Interpreter.ECALL || s1 == Interpreter.EBREAK) {
                h.pc += 4;
                ref.pc += 4;
            } else if (s1 != Interpreter.WFI && s1 != Interpreter.BUDGET) {
                return; // illegal, misaligned, fault: both stopped at the same place
            }
        }
    }

    /** x1..x31 as generated (x0 is zero). */
    static long[] registers(List<Long> init) {
        long[] regs = new long[32];
        for (int k = 1; k < 32; k++) {
            regs[k] = init.get(k);
        }
        return regs;
    }

    /**
     * {@link #registers} with x1..x4 as base registers where an access is interesting: RAM at any alignment, aligned
     * RAM, the end of RAM, a device register (MMIO).
     */
    static long[] pointerRegisters(List<Long> init) {
        long[] regs = registers(init);
        regs[1] = DATA + (init.get(1) & 0x7F);
        regs[2] = DATA + 0x800;
        regs[3] = GuestMemory.DRAM_START + (64L << 10) - 16 + (init.get(3) & 31);
        regs[4] = 0x4000_2000L + (init.get(4) & 7);
        return regs;
    }
}
