package org.sysmodels.bench.nvme;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The threaded-mode peers: the same closed loop as the NVMe threaded mode (64 commands in flight, a host thread and
 * a device thread), with a submission queue and a completion queue of a general-purpose kind instead of NVMe rings.
 * The device thread moves each token from one queue to the other; both sides spin, then yield, exactly like the NVMe
 * threaded host and device loops.
 */
public final class QueuePairPeer {

    private static final Integer[] TOKENS = new Integer[64];

    static {
        for (int i = 0; i < TOKENS.length; i++) {
            TOKENS[i] = i;
        }
    }

    private final Queue<Integer> submission;
    private final Queue<Integer> completion;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread device;
    private int inFlight;
    private long completed;

    public QueuePairPeer(Queue<Integer> submission, Queue<Integer> completion) {
        this.submission = submission;
        this.completion = completion;
        this.device = new Thread(() -> {
            int idle = 0;
            while (!stop.get()) {
                Integer t = submission.poll();
                if (t != null) {
                    while (!completion.offer(t)) {
                        Thread.onSpinWait();
                    }
                    idle = 0;
                } else {
                    backOff(++idle);
                }
            }
        }, "peer-device");
        device.setDaemon(true);
        device.start();
    }

    /** Host thread: keeps 64 tokens in flight until {@code n} more have come back. */
    public void commands(long n) {
        commands(n, Long.MAX_VALUE);
    }

    /**
     * The same, giving up when no token has come back for {@code stallNanos} of wall-clock time (a broken peer must
     * fail a test, not hang it). @return true if all {@code n} came back
     */
    public boolean commands(long n, long stallNanos) {
        long target = completed + n;
        int idle = 0;
        long lastProgress = System.nanoTime();
        while (completed < target) {
            while (inFlight < TOKENS.length && submission.offer(TOKENS[inFlight])) {
                inFlight++;
            }
            Integer t = completion.poll();
            if (t != null) {
                completed++;
                inFlight--;
                idle = 0;
            } else {
                backOff(++idle);
                if ((idle & 1023) == 0) {
                    long now = System.nanoTime();
                    if (idle == 1024) {
                        lastProgress = now;
                    } else if (now - lastProgress > stallNanos) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    public long completed() {
        return completed;
    }

    public void stop() throws InterruptedException {
        stop.set(true);
        device.join(10_000);
    }

    private static void backOff(int idle) {
        if (idle < 256) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }
}
