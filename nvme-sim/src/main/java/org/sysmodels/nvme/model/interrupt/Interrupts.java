package org.sysmodels.nvme.model.interrupt;

import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.nvme.model.queue.CompletionQueue;

/**
 * MSI-X interrupts (NVMe 1.4 §7.5.2): each completion queue names its vector (Create I/O CQ CDW11.IV), a posted
 * entry in a CQ with interrupts enabled signals that vector, and the host can mask a vector in the MSI-X table, in
 * which case the message is held pending until unmasked (PCI Local Bus 3.0 §6.8.2).
 *
 * <p>Interrupt Coalescing (Set Features 08h, §5.21.1.8): signal after THR + 1 entries (THR is 0's based) or after
 * TIME × 100 µs since the first unsignalled entry, whichever comes first; if THR or TIME is 0, coalescing is off.
 * Coalescing is never applied to the admin completion queue (not supported for it, §5.21.1.9), nor to a vector whose
 * Interrupt Vector Configuration (Set Features 09h, §5.21.1.9) sets Coalescing Disable. INTMS/INTMC do not mask
 * MSI-X vectors (§3.1.3: host software shall not use them with MSI-X), as in QEMU.
 */
public final class Interrupts {

    private static final long TIME_UNIT = 100_000L;

    private final Scheduler scheduler;
    private final Vector[] vectors;
    private InterruptSink sink = InterruptSink.NONE;
    private int threshold;
    private int time;
    private final Action expire = v -> timerExpired((int) v);

    public Interrupts(Scheduler scheduler, int vectors) {
        this.scheduler = scheduler;
        this.vectors = new Vector[vectors];
        for (int v = 0; v < vectors; v++) {
            this.vectors[v] = new Vector(v);
        }
    }

    public void connect(InterruptSink s) {
        sink = s == null ? InterruptSink.NONE : s;
    }

    public int vectors() {
        return vectors.length;
    }

    public void coalescing(int thr, int timeUnits) {
        threshold = thr;
        time = timeUnits;
    }

    /** Interrupt Vector Configuration's CD for {@code vector}: coalescing settings do not apply to it. */
    public void coalescingDisabled(int vector, boolean disabled) {
        vectors[vector].coalescingDisabled = disabled;
    }

    public boolean coalescingDisabled(int vector) {
        return vectors[vector].coalescingDisabled;
    }

    /** An entry was posted to {@code cq}. */
    public void posted(CompletionQueue cq) {
        if (!cq.interruptsEnabled()) {
            return;
        }
        Vector v = vectors[cq.vector()];
        if (cq.qid() == 0 || threshold == 0 || time == 0 || v.coalescingDisabled) {
            signal(v);
            return;
        }
        if (++v.aggregated >= threshold + 1) {
            signal(v);
        } else if (v.timer == Scheduler.NO_EVENT) {
            v.timer = scheduler.after(time * TIME_UNIT, expire, v.number);
        }
    }

    /** Sets or clears the MSI-X Per-Vector Mask bit; unmasking delivers a pending message. */
    public void mask(int vector, boolean on) {
        if (vector < 0 || vector >= vectors.length) {
            return;
        }
        Vector v = vectors[vector];
        v.masked = on;
        if (!on && v.pending) {
            v.pending = false;
            v.signalled++;
            sink.raise(vector);
        }
    }

    public long signalled(int vector) {
        return vectors[vector].signalled;
    }

    private void timerExpired(int vector) {
        Vector v = vectors[vector];
        v.timer = Scheduler.NO_EVENT;
        if (v.aggregated > 0) {
            signal(v);
        }
    }

    private void signal(Vector v) {
        v.aggregated = 0;
        if (v.timer != Scheduler.NO_EVENT) {
            scheduler.cancel(v.timer);
            v.timer = Scheduler.NO_EVENT;
        }
        if (v.masked) {
            v.pending = true;
            return;
        }
        v.signalled++;
        sink.raise(v.number);
    }

    /**
     * Controller reset: coalescing back to its reset value (off), Coalescing Disable cleared, timers cancelled,
     * nothing pending.
     */
    public void reset() {
        threshold = 0;
        time = 0;
        for (Vector v : vectors) {
            if (v.timer != Scheduler.NO_EVENT) {
                scheduler.cancel(v.timer);
                v.timer = Scheduler.NO_EVENT;
            }
            v.aggregated = 0;
            v.pending = false;
            v.coalescingDisabled = false;
        }
    }

    /** One MSI-X table entry's state: its Per-Vector Mask and Pending bits, and the coalescing state. */
    private static final class Vector {
        final int number;
        boolean masked;
        boolean pending;
        int aggregated;
        boolean coalescingDisabled;
        long timer = Scheduler.NO_EVENT;
        public long signalled;

        Vector(int number) {
            this.number = number;
        }
    }
}
