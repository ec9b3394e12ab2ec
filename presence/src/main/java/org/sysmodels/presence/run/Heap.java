package org.sysmodels.presence.run;

/** The heap in use after full collections: how the memory of a layout is measured rather than claimed. */
public final class Heap {

    /** How far two readings may differ and still count as the heap having settled. */
    public static final long SETTLED = 1 << 16;

    /** The least difference of two readings this tells apart from their noise: 16 × {@link #SETTLED}, 1 MiB. */
    public static final long MEASURABLE = 16 * SETTLED;

    private Heap() {
    }

    public static long used() {
        Runtime rt = Runtime.getRuntime();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            long used = rt.totalMemory() - rt.freeMemory();
            if (Math.abs(used - last) < SETTLED) {
                return used;
            }
            last = used;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return used;
            }
        }
        return last;
    }
}
