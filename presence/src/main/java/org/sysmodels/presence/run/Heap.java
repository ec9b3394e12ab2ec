package org.sysmodels.presence.run;

/** The heap in use after full collections: how the memory of a layout is measured rather than claimed. */
public final class Heap {

    private Heap() {
    }

    public static long used() {
        Runtime rt = Runtime.getRuntime();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            long used = rt.totalMemory() - rt.freeMemory();
            if (Math.abs(used - last) < 1 << 16) {
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
