package org.sysmodels.sensor.model.core;

import java.util.OptionalInt;

/**
 * Faults the fault plan injects into the code the core runs, by context (0 = Thread mode, else an exception number):
 * a hang (the context's code loops from its next step until a reset) and an overrun (the context's next step takes
 * extra cycles, once). Not ARM behaviour: the mistakes program sequence monitoring must detect (IEC 61508-2:2010
 * Table A.10).
 */
final class InjectedFaults {

    private OptionalInt hung = OptionalInt.empty();
    private long overrunCycles;
    /** Whose step the overrun lengthens; empty: whichever runs first. */
    private OptionalInt overrunContext = OptionalInt.empty();

    /** The code of {@code context} hangs from its next step. */
    void hang(int context) {
        hung = OptionalInt.of(context);
    }

    /** The next step of {@code context} (−1: of any context) takes {@code cycles} more. */
    void overrun(long cycles, int context) {
        overrunCycles += cycles;
        overrunContext = context < 0 ? OptionalInt.empty() : OptionalInt.of(context);
    }

    /** Whether the code of {@code context} hangs now; the hang is then used up (its loop lasts until reset). */
    boolean takeHang(int context) {
        if (hung.isPresent() && hung.getAsInt() == context) {
            hung = OptionalInt.empty();
            return true;
        }
        return false;
    }

    /** The extra cycles due in {@code context}, once. */
    long takeOverrun(int context) {
        if (overrunCycles > 0 && (overrunContext.isEmpty() || overrunContext.getAsInt() == context)) {
            long c = overrunCycles;
            overrunCycles = 0;
            return c;
        }
        return 0;
    }

    /** A reset: nothing hangs, no overrun is due. */
    void clear() {
        hung = OptionalInt.empty();
        overrunCycles = 0;
    }
}
