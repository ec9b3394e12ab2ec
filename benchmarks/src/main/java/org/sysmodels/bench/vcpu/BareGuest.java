package org.sysmodels.bench.vcpu;

import org.sysmodels.vcpu.model.boot.BootLoader;
import org.sysmodels.vcpu.model.boot.ElfImage;
import org.sysmodels.vcpu.model.isa.Hart;
import org.sysmodels.vcpu.model.isa.Interpreter;
import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * A compiled guest on the bare interpreter, for the CPU benchmark: loaded once, then run from its entry again and
 * again in the same memory (its work rewrites its own buffers, so every run executes the same instructions). The UART
 * and the SBI shutdown are stubbed in a few lines; nothing is allocated per run.
 */
final class BareGuest {

    private final GuestMemory mem;
    private final Hart hart = new Hart(0);
    private final long entry;
    private final long args;

    BareGuest(byte[] elf, String bootArgs) {
        try {
            mem = new GuestMemory(16 << 20);
            BootLoader.Loaded l = BootLoader.load(ElfImage.parse(elf), bootArgs, mem);
            entry = l.entry();
            args = l.bootArgsAddress();
        } catch (ElfImage.ElfException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the guest from its entry to its SBI shutdown. @return instructions retired */
    long run() {
        java.util.Arrays.fill(hart.x, 0);
        hart.pc = entry;
        hart.x[11] = args;
        hart.instret = 0;
        while (true) {
            int stop = Interpreter.run(hart, mem, Long.MAX_VALUE);
            if (stop == Interpreter.MMIO) {
                if (!hart.mmioWrite) {
                    hart.x[hart.mmioRd] = 0x20; // LSR: transmitter empty
                }
                hart.pc += 4;
            } else if (stop == Interpreter.ECALL) {
                if (hart.x[17] == 0x53525354L) {
                    return hart.instret;
                }
                hart.pc += 4;
            } else if (stop != Interpreter.BUDGET) {
                throw new IllegalStateException("guest stopped with " + stop + " at pc " + Long.toHexString(hart.pc));
            }
        }
    }
}
