package org.sysmodels.bench.core;

import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;

/** The hold model on {@link Scheduler}: each event reschedules itself one increment later. */
public final class SchedulerHold implements Action {

    private final Scheduler scheduler;
    private final long[] increments;
    private int next;
    long checksum;

    public SchedulerHold(int pending, long seed) {
        this.scheduler = new Scheduler(pending);
        this.increments = HoldModel.increments(seed);
        long[] initial = HoldModel.initialTimes(pending, seed);
        for (int i = 0; i < pending; i++) {
            scheduler.at(initial[i], this, i);
        }
    }

    @Override
    public void run(long id) {
        checksum += id ^ scheduler.now();
        scheduler.after(increments[next++ & (HoldModel.INCREMENTS - 1)], this, id);
    }

    /** Runs {@code n} events. */
    public void steps(int n) {
        for (int i = 0; i < n; i++) {
            scheduler.step();
        }
    }

    public long checksum() {
        return checksum;
    }

    public long now() {
        return scheduler.now();
    }
}
