package org.sysmodels.vcpu.model.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.sysmodels.vcpu.model.boot.BootLoader;
import org.sysmodels.vcpu.model.boot.ElfImage;
import org.sysmodels.vcpu.model.memory.GuestMemory;

/** Compiled guests run on the bare interpreter with a stub for the UART and the SBI. */
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

    /** The crc guest's CRC-32 equals java.util.zip.CRC32 over the same buffer (filled by the same LCG). */
    @Test
    void crcGuestComputesTheRealCrc32() throws Exception {
        String out = runBare("crc", "rounds=1", 10_000_000);
        byte[] buf = new byte[16384];
        long x = 12345;
        for (int i = 0; i < buf.length; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            buf[i] = (byte) (x >>> 56);
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(buf);
        assertTrue(out.startsWith(String.format("crc32 0x%016x instructions ", crc.getValue())), out);
    }

    @Test
    void countPrints() throws Exception {
        String out = runBare("count", "count=100 step=50", 10_000_000);
        assertEquals("count to 100\n50 0xca3e865cb7cd5339\n100 0xb044efcf6ce16272\ndone\n", out);
    }
}
