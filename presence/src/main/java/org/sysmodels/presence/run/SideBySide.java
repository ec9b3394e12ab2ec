package org.sysmodels.presence.run;

/**
 * Runs one body per worker side by side: worker 0 on the calling thread, the others on threads of their own, and
 * returns when all have stopped. A failure in any worker is rethrown on the calling thread once every worker has
 * stopped (the first one by worker number), so a run never ends with a thread still going.
 */
final class SideBySide {

    private SideBySide() {
    }

    /** What one worker does; {@code k} is its number, 0 to the worker count. */
    interface Worker {
        void run(int k) throws Throwable;
    }

    /**
     * @param onFailure called on the failing worker's thread as soon as it fails (e.g. to release the others from a
     *                  barrier they would otherwise wait at forever)
     */
    static void run(int workers, String name, Worker body, Runnable onFailure) {
        Throwable[] failed = new Throwable[workers];
        Thread[] threads = new Thread[workers];
        for (int k = 1; k < workers; k++) {
            int worker = k;
            threads[k] = new Thread(() -> runOne(worker, body, onFailure, failed), name + "-" + k);
            threads[k].start();
        }
        runOne(0, body, onFailure, failed);
        for (int k = 1; k < workers; k++) {
            try {
                threads[k].join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + name + "-" + k + " ran", e);
            }
        }
        for (Throwable f : failed) {
            if (f instanceof Error e) {
                throw e;
            }
            if (f != null) {
                throw f instanceof RuntimeException r ? r : new IllegalStateException(f);
            }
        }
    }

    private static void runOne(int k, Worker body, Runnable onFailure, Throwable[] failed) {
        try {
            body.run(k);
        } catch (Throwable e) {
            failed[k] = e;
            onFailure.run();
        }
    }
}
