package org.sysmodels.vcpu.model.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.testing.Asm;

/**
 * A loop whose body is one block (its branch goes back to the block's start) runs again inside the interpreter
 * without a lookup: the count of retired instructions, the counter CSRs read inside it and a budget that ends in the
 * middle of a pass must be exactly what one instruction at a time gives.
 */
class LoopOfOneBlockTest {

    static final long CODE = GuestMemory.DRAM_START;

    /** x10 counts to 100 while x11 sums instret as rdinstret reads it at the top of each pass; then ebreak. */
    static GuestMemory loop(int branchFunct3) {
        GuestMemory mem = new GuestMemory(64 << 10);
        int[] code = {
            Asm.addi(12, 0, 100),                          // 0: x12 = 100
            Asm.i(0xC02, 0, 2, 13, 0x73),                  // 4: loop: rdinstret x13
            Asm.r(0, 13, 11, 0, 11, 0x33),                 // 8: add x11, x11, x13
            Asm.addi(10, 10, 1),                           // 12: x10++
            branchFunct3 == 4 ? Asm.b(-12, 12, 10, 4)      // 16: blt x10, x12, loop
                    : Asm.b(-12, 12, 10, 1),               //     bne x10, x12, loop
            Asm.EBREAK};
        for (int k = 0; k < code.length; k++) {
            mem.write(CODE + 4L * k, 4, code[k]);
        }
        return mem;
    }

    @Test
    void aLoopRetiresAndCountsExactly() {
        for (int f3 : new int[] {1, 4}) {
            runsAndCountsExactly(loop(f3));
        }
    }

    /** Runs {@link #loop} from CODE to its ebreak and checks what it retired and what rdinstret read in each pass. */
    static void runsAndCountsExactly(GuestMemory mem) {
        Hart h = new Hart(0);
        h.pc = CODE;
        // The first pass is entered from the block before it; the rest loop inside one block.
        assertEquals(Interpreter.BUDGET, Interpreter.run(h, mem, 1));
        assertEquals(Interpreter.EBREAK, Interpreter.run(h, mem, 1_000));
        assertEquals(100, h.x[10]);
        assertEquals(1 + 4 * 100, h.instret);
        long sum = 0;
        for (int pass = 0; pass < 100; pass++) {
            sum += 1 + 4L * pass; // rdinstret at the top of pass p: 1 + 4p retired before it
        }
        assertEquals(sum, h.x[11]);
    }

    @Test
    void aBudgetEndsInsideAPassWhereItSays() {
        for (int budget = 1; budget < 40; budget++) {
            Hart h = new Hart(0);
            h.pc = CODE;
            GuestMemory mem = loop(4);
            assertEquals(Interpreter.BUDGET, Interpreter.run(h, mem, budget));
            assertEquals(budget, h.instret);
            assertEquals(CODE + 4 + 4L * ((budget - 1) % 4), h.pc, "budget " + budget);
            int q = (budget - 1) / 4;
            int r = (budget - 1) % 4;
            assertEquals(q + (r >= 3 ? 1 : 0), h.x[10], "budget " + budget);
        }
    }
}
