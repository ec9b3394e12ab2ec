package org.sysmodels.nvme.model;

import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;

/**
 * MSI-X interrupts (NVMe 1.4 §7.5.2): each completion queue names its vector (Create I/O CQ CDW11.IV), a posted
 * entry in a CQ with interrupts enabled signals that vector, and the host can mask a vector in the MSI-X table, in
 * which case the message is held pending until unmasked (PCI Local Bus 3.0 §6.8.2).
 *
 * <p>Interrupt Coalescing (Set Features 08h, §5.21.1.8): signal after THR + 1 entries (THR is 0's based) or after
 * TIME × 100 µs since the first unsignalled entry, whichever comes first; if THR or TIME is 0, coalescing is off.
 * This model never coalesces the admin queue's vector. INTMS/INTMC do not mask MSI-X vectors (§3.1.3: host software
 * shall not use them with MSI-X), as in QEMU.
 */
final class Interrupts {

    private static final long TIME_UNIT = 100_000L;

    private final Scheduler scheduler;
    private final boolean[] masked;
    private final boolean[] pending;
    private final int[] aggregated;
    private final long[] timer;
    private final long[] signalled;
    private InterruptSink sink = InterruptSink.NONE;
    private int threshold;
    private int time;
    private final Action expire = v -> timerExpired((int) v);

    Interrupts(Scheduler scheduler, int vectors) {
        this.scheduler = scheduler;
        masked = new boolean[vectors];
        pending = new boolean[vectors];
        aggregated = new int[vectors];
        timer = new long[vectors];
        signalled = new long[vectors];
    }

    void connect(InterruptSink s) {
        sink = s == null ? InterruptSink.NONE : s;
    }

    int vectors() {
        return masked.length;
    }

    void coalescing(int thr, int timeUnits) {
        threshold = thr;
        time = timeUnits;
    }

    /** An entry was posted to {@code cq}. */
    void posted(CompletionQueue cq) {
        if (!cq.interruptsEnabled) {
            return;
        }
        int v = cq.vector;
        if (cq.qid == 0 || threshold == 0 || time == 0) {
            signal(v);
            return;
        }
        if (++aggregated[v] >= threshold + 1) {
            signal(v);
        } else if (timer[v] == Scheduler.NO_EVENT) {
            timer[v] = scheduler.after(time * TIME_UNIT, expire, v);
        }
    }

    /** Sets or clears the MSI-X Per-Vector Mask bit; unmasking delivers a pending message. */
    void mask(int vector, boolean on) {
        if (vector < 0 || vector >= masked.length) {
            return;
        }
        masked[vector] = on;
        if (!on && pending[vector]) {
            pending[vector] = false;
            signalled[vector]++;
            sink.raise(vector);
        }
    }

    long signalled(int vector) {
        return signalled[vector];
    }

    private void timerExpired(int v) {
        timer[v] = Scheduler.NO_EVENT;
        if (aggregated[v] > 0) {
            signal(v);
        }
    }

    private void signal(int v) {
        aggregated[v] = 0;
        if (timer[v] != Scheduler.NO_EVENT) {
            scheduler.cancel(timer[v]);
            timer[v] = Scheduler.NO_EVENT;
        }
        if (masked[v]) {
            pending[v] = true;
            return;
        }
        signalled[v]++;
        sink.raise(v);
    }

    /** Controller reset: coalescing back to its reset value (off), timers cancelled, nothing pending. */
    void reset() {
        threshold = 0;
        time = 0;
        for (int v = 0; v < masked.length; v++) {
            if (timer[v] != Scheduler.NO_EVENT) {
                scheduler.cancel(timer[v]);
                timer[v] = Scheduler.NO_EVENT;
            }
            aggregated[v] = 0;
            pending[v] = false;
        }
    }
}
