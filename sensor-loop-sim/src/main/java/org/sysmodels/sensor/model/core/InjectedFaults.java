package org.sysmodels.sensor.model.core;

/**
 * Faults the fault plan injects into the code the core runs, by context (0 = Thread mode, else an exception number):
 * a hang (the context's code loops from its next step until a reset) and an overrun (the context's next step takes
 * extra cycles, once). Not ARM behaviour: the mistakes program sequence monitoring must detect (IEC 61508-2:2010
 * Table A.10).
 *
 * <p>The core asks at every step of the firmware, so the contexts are plain ints with {@link #NONE} for "none" (an
 * {@code OptionalInt} would be one more object to load on that path), and {@link #hangArmed()} and
 * {@link #overrunDue()} let it skip finding out which context runs while nothing is injected.
 */
final class InjectedFaults {

    /** No context: no hang is armed; as the overrun's context, whichever context runs first. */
    static final int NONE = -1;

    private int hung = NONE;
    private long overrunCycles;
    /** Whose step the overrun lengthens; {@link #NONE}: whichever runs first. */
    private int overrunContext = NONE;

    /** The code of {@code context} hangs from its next step. */
    void hang(int context) {
        hung = context < 0 ? NONE : context;
    }

    /** The next step of {@code context} (−1: of any context) takes {@code cycles} more. */
    void overrun(long cycles, int context) {
        overrunCycles += cycles;
        overrunContext = context < 0 ? NONE : context;
    }

    /** Some context's code will hang at its next step. */
    boolean hangArmed() {
        return hung != NONE;
    }

    /** Whether the code of {@code context} hangs now; the hang is then used up (its loop lasts until reset). */
    boolean takeHang(int context) {
        if (hung != NONE && hung == context) {
            hung = NONE;
            return true;
        }
        return false;
    }

    /** Extra cycles wait for some context's next step. */
    boolean overrunDue() {
        return overrunCycles > 0;
    }

    /** The extra cycles due in {@code context}, once. */
    long takeOverrun(int context) {
        if (overrunCycles > 0 && (overrunContext == NONE || overrunContext == context)) {
            long c = overrunCycles;
            overrunCycles = 0;
            return c;
        }
        return 0;
    }

    /** A reset: nothing hangs, no overrun is due. */
    void clear() {
        hung = NONE;
        overrunCycles = 0;
    }
}
