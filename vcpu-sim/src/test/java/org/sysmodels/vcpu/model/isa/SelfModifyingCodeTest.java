package org.sysmodels.vcpu.model.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.testing.Asm;

/**
 * Code that writes code runs what it wrote: a store (or a device's DMA write) into instructions already decoded drops
 * them, whether they are later in the block running now or in a block that ran before; {@code fence.i} is the
 * program's way to ask for that (Unprivileged ISA 20191213, chapter 3, "Zifencei").
 */
class SelfModifyingCodeTest {

    static final long CODE = GuestMemory.DRAM_START;
    static final int SW = 2;
    static final int FENCE_I = 0x0000100F;

    static GuestMemory load(int... words) {
        GuestMemory mem = new GuestMemory(64 << 10);
        for (int k = 0; k < words.length; k++) {
            mem.write(CODE + 4L * k, 4, words[k]);
        }
        return mem;
    }

    @Test
    void storeIntoTheRunningBlockTakesEffectAtOnce() {
        GuestMemory mem = load(
                Asm.addi(10, 0, 1),
                Asm.s(12, 6, 5, SW, 0x23),   // sw x6, 12(x5): rewrites the fourth instruction
                Asm.addi(10, 10, 2),
                Asm.addi(10, 10, 4),         // becomes addi x10, x10, 100
                Asm.EBREAK);
        Hart h = new Hart(0);
        h.pc = CODE;
        h.x[5] = CODE;
        h.x[6] = Asm.addi(10, 10, 100);
        assertEquals(Interpreter.EBREAK, Interpreter.run(h, mem, 100));
        assertEquals(103, h.x[10]);
        assertEquals(4, h.instret);
    }

    @Test
    void storeAndFenceIRewriteABlockThatRanBefore() {
        GuestMemory mem = load(
                Asm.addi(10, 10, 1),         // 0: rewritten below
                Asm.EBREAK,                  // 4
                Asm.s(0, 6, 5, SW, 0x23),    // 8: sw x6, 0(x5)
                FENCE_I,                     // 12
                Asm.j(-16, 0));              // 16: j 0
        Hart h = new Hart(0);
        h.x[5] = CODE;
        h.x[6] = Asm.addi(10, 10, 100);
        h.pc = CODE;
        assertEquals(Interpreter.EBREAK, Interpreter.run(h, mem, 100));
        assertEquals(1, h.x[10]);
        h.pc = CODE + 8;
        assertEquals(Interpreter.EBREAK, Interpreter.run(h, mem, 100));
        assertEquals(101, h.x[10]);
    }

    @Test
    void aDeviceWriteIntoCodeIsSeen() {
        GuestMemory mem = load(Asm.addi(10, 10, 1), Asm.EBREAK);
        Hart h = new Hart(0);
        h.pc = CODE;
        assertEquals(Interpreter.EBREAK, Interpreter.run(h, mem, 100));
        int patched = Asm.addi(10, 10, 7);
        mem.writeBytes(CODE, new byte[] {(byte) patched, (byte) (patched >>> 8), (byte) (patched >>> 16),
                (byte) (patched >>> 24)}, 0, 4);
        h.pc = CODE;
        assertEquals(Interpreter.EBREAK, Interpreter.run(h, mem, 100));
        assertEquals(8, h.x[10]);
    }

    @Test
    void aStoreNextToCodeLeavesItDecodedAndCorrect() {
        // A store into the same page but not into an instruction: the block stays, the data lands.
        GuestMemory mem = load(
                Asm.s(64, 6, 5, SW, 0x23),   // sw x6, 64(x5)
                Asm.addi(10, 10, 1),
                Asm.j(-8, 0));
        Hart h = new Hart(0);
        h.pc = CODE;
        h.x[5] = CODE;
        h.x[6] = 0x1234;
        assertEquals(Interpreter.BUDGET, Interpreter.run(h, mem, 30));
        assertEquals(10, h.x[10]);
        assertEquals(0x1234, mem.read(CODE + 64, 4));
    }
}
