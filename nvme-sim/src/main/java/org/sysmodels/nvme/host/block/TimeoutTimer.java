package org.sysmodels.nvme.host.block;

import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;

/**
 * blk-mq's one request timer ({@code q->timeout} in block/blk-mq.c, {@code blk_add_timer}): armed for the earliest
 * deadline of the requests in flight, moved only earlier; when it fires it runs the timeout scan
 * ({@code blk_mq_timeout_work}), which arms it again for the next deadline.
 */
final class TimeoutTimer {

    private final Scheduler scheduler;
    private final Action fire;
    private boolean armed;
    private long at;
    private long event;

    TimeoutTimer(Scheduler scheduler, Runnable scan) {
        this.scheduler = scheduler;
        this.fire = ignored -> {
            armed = false;
            scan.run();
        };
    }

    /** Fires at {@code when} unless it is already armed for then or earlier. */
    void arm(long when) {
        if (armed && at <= when) {
            return;
        }
        if (armed) {
            scheduler.cancel(event);
        }
        armed = true;
        at = when;
        event = scheduler.at(when, fire, 0);
    }

    void stop() {
        if (armed) {
            scheduler.cancel(event);
            armed = false;
        }
    }
}
