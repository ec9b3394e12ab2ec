package org.sysmodels.sensor.model.core;

/**
 * Faults a run injects into the code of one context (0 = Thread mode, otherwise an exception number): a hang, where
 * the code loops from its next step until a reset, and an overrun, extra cycles on its next piece of work. Both are
 * the firmware faults IEC 61508-2 Table A.10's program-sequence monitoring (watchdogs) is there to catch.
 */
final class InjectedFaults {

    private int hungContext = -1;
    private long overrunCycles;
    private int overrunContext;

    void hang(int context) {
        hungContext = context;
    }

    /** Whether the code of {@code context} hangs now; true once, since the hang lasts until reset. */
    boolean takeHang(int context) {
        if (hungContext >= 0 && hungContext == context) {
            hungContext = -1;
            return true;
        }
        return false;
    }

    /** {@code context} −1 means any context. */
    void overrun(long cycles, int context) {
        overrunCycles += cycles;
        overrunContext = context;
    }

    /** The extra cycles due in {@code context}, once. */
    long takeOverrun(int context) {
        if (overrunCycles > 0 && (overrunContext < 0 || overrunContext == context)) {
            long c = overrunCycles;
            overrunCycles = 0;
            return c;
        }
        return 0;
    }

    void reset() {
        hungContext = -1;
        overrunCycles = 0;
    }
}
