package org.sysmodels.vcpu.model.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.sysmodels.vcpu.model.boot.BootLoader;
import org.sysmodels.vcpu.model.boot.ElfImage;
import org.sysmodels.vcpu.model.memory.GuestMemory;

class InterpreterSmokeTest {

    static byte[] elf(String name) throws Exception {
        try (InputStream in = InterpreterSmokeTest.class.getResourceAsStream("/org/sysmodels/vcpu/guests/elf/"
                + name + ".elf")) {
            return in.readAllBytes();
        }
    }

    static String runBare(String name, String args, long maxInstructions) throws Exception {
        GuestMemory mem = new GuestMemory(16 << 20);
        BootLoader.Loaded l = BootLoader.load(ElfImage.parse(elf(name)), args, mem);
        Hart h = new Hart(0);
        h.pc = l.entry();
        h.x[10] = 0;
        h.x[11] = l.bootArgsAddress();
        StringBuilder out = new StringBuilder();
        long executed = 0;
        while (executed < maxInstructions) {
            long before = h.instret;
            int stop = Interpreter.run(h, mem, 1_000_000);
            executed += h.instret - before;
            if (stop == Interpreter.MMIO) {
                if (h.mmioWrite && h.mmioAddr == 0x4000_2000L) {
                    out.append((char) h.mmioData);
                } else if (!h.mmioWrite) {
                    h.x[h.mmioRd] = h.mmioAddr == 0x4000_2005L ? 0x20 : 0;
                }
                h.pc += 4;
            } else if (stop == Interpreter.ECALL) {
                if (h.x[17] == 0x53525354L) {
                    return out.toString();
                }
                h.x[10] = 0;
                h.pc += 4;
            } else if (stop != Interpreter.BUDGET) {
                throw new AssertionError("stop " + stop + " at pc " + Long.toHexString(h.pc) + " after " + out);
            }
        }
        throw new AssertionError("did not finish: " + out);
    }

    @Test
    void helloPrints() throws Exception {
        String out = runBare("hello", "console=ttyS0", 1_000_000);
        assertEquals("Hello from a sysmodels microVM! hart 0, boot args: \"console=ttyS0\"\n", out);
    }

    @Test
    void crcRuns() throws Exception {
        String out = runBare("crc", "rounds=1", 10_000_000);
        assertTrue(out.startsWith("crc32 0x"), out);
        for (int k = 0; k < 6; k++) {
            long t0 = System.nanoTime();
            out = runBare("crc", "rounds=200", 2_000_000_000L);
            long t1 = System.nanoTime();
            System.out.println(out + " in " + (t1 - t0) / 1e6 + " ms");
        }
    }

    @Test
    void countPrints() throws Exception {
        String out = runBare("count", "count=100 step=50", 10_000_000);
        assertTrue(out.contains("done"), out);
        System.out.println(out);
    }
}
