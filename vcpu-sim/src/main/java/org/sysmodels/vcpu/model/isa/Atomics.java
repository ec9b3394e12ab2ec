package org.sysmodels.vcpu.model.isa;

import static org.sysmodels.vcpu.model.isa.Op.*;

import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * The A extension (Unprivileged ISA chapter 8): LR/SC and the AMOs, on RAM only and naturally aligned. Every one is
 * sequentially consistent here (VarHandle volatile access and CAS), which satisfies any aq/rl combination. An AMO
 * is a CAS loop; SC succeeds if the reservation is for this address and the word still holds the value LR read (a
 * CAS), which is how emulators such as QEMU implement it: an intervening store of the same value goes unnoticed,
 * which the spec permits only for a store by the same hart, a simplification said here.
 */
final class Atomics {

    private Atomics() {
    }

    /** @return {@link Interpreter#BUDGET} when done, or the stop code (misaligned, outside RAM, illegal) */
    static int execute(Hart h, GuestMemory mem, long d, long addr, long src) {
        int op = Decoded.op(d);
        if (op < LR_W || op > AMOMAXU_D) {
            h.faultInsn = Decoded.imm(d);
            return Interpreter.ILLEGAL;
        }
        boolean word = op <= AMOMAXU_W;
        int len = word ? 4 : 8;
        if ((addr & (len - 1)) != 0) {
            return Interpreter.MISALIGNED;
        }
        if (!mem.contains(addr, len)) {
            return Interpreter.ATOMIC_FAULT;
        }
        int rd = Decoded.rd(d);
        long[] x = h.x;
        switch (op) {
            case LR_W, LR_D -> {
                long v = mem.readVolatile(addr, len);
                h.reservation = addr;
                h.reservedValue = v;
                x[rd] = v;
            }
            case SC_W, SC_D -> {
                boolean ok = h.reservation == addr && mem.compareAndSet(addr, len, h.reservedValue, src);
                h.reservation = -1;
                x[rd] = ok ? 0 : 1;
            }
            default -> {
                long old;
                long next;
                do {
                    old = mem.readVolatile(addr, len);
                    next = combine(op, old, word ? (int) src : src, word);
                } while (!mem.compareAndSet(addr, len, old, next));
                x[rd] = old;
            }
        }
        return Interpreter.BUDGET;
    }

    private static long combine(int op, long old, long src, boolean word) {
        return switch (op) {
            case AMOSWAP_W, AMOSWAP_D -> src;
            case AMOADD_W, AMOADD_D -> word ? (int) (old + src) : old + src;
            case AMOXOR_W, AMOXOR_D -> old ^ src;
            case AMOAND_W, AMOAND_D -> old & src;
            case AMOOR_W, AMOOR_D -> old | src;
            case AMOMIN_W, AMOMIN_D -> Math.min(old, src);
            case AMOMAX_W, AMOMAX_D -> Math.max(old, src);
            case AMOMINU_W, AMOMINU_D -> Long.compareUnsigned(old, src) <= 0 ? old : src;
            default -> Long.compareUnsigned(old, src) >= 0 ? old : src;
        };
    }
}
