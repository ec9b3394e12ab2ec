package org.sysmodels.sensor.host.safety;

/**
 * Program-flow monitoring (IEC 61508-2 Table A.10; IEC 61508-7 A.9.3, A.9.4): each control cycle must pass its
 * checkpoints in order (logical monitoring); only a cycle that did may refresh the window watchdog, whose window
 * checks the cycle's timing (temporal monitoring). The combination is what Table A.10 rates "high"; a watchdog
 * without a window, refreshed regardless, is rated "low".
 */
public final class FlowMonitor {

    public static final int READ = 1;
    public static final int CHECK = 2;
    public static final int VOTE = 3;
    public static final int OUTPUT = 4;
    private static final int[] SEQUENCE = {READ, CHECK, VOTE, OUTPUT};
    private static final int SEED = 0x5A;

    private int next;
    private int signature;
    private boolean broken;
    private final int expected;

    public FlowMonitor() {
        int s = SEED;
        for (int id : SEQUENCE) {
            s = step(s, id);
        }
        expected = s;
    }

    /** A cycle starts. */
    public void begin() {
        next = 0;
        signature = SEED;
        broken = false;
    }

    /** Checkpoint {@code id} is reached. */
    public void checkpoint(int id) {
        if (next >= SEQUENCE.length || SEQUENCE[next] != id) {
            broken = true;
        }
        next++;
        signature = step(signature, id);
    }

    /** True when every checkpoint of this cycle was passed once, in order. */
    public boolean complete() {
        return !broken && next == SEQUENCE.length && signature == expected;
    }

    private static int step(int s, int id) {
        return (s * 31 + id) & 0xFFFF;
    }
}
