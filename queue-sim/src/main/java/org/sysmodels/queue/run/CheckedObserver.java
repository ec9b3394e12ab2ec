package org.sysmodels.queue.run;

import java.util.List;
import org.sysmodels.queue.check.QueueCheck;
import org.sysmodels.queue.model.QueueObserver;

/** Hands each event of the queue to every check, in the checker's order. */
final class CheckedObserver implements QueueObserver {

    private final QueueCheck[] checks;

    CheckedObserver(List<QueueCheck> checks) {
        this.checks = checks.toArray(QueueCheck[]::new);
    }

    @Override
    public void arrived(long arrivalTime, long now, long inSystem) {
        for (QueueCheck c : checks) {
            c.arrived(arrivalTime, now, inSystem);
        }
    }

    @Override
    public void started(long arrivalTime, long now) {
        for (QueueCheck c : checks) {
            c.started(arrivalTime, now);
        }
    }

    @Override
    public void departed(long arrivalTime, long now) {
        for (QueueCheck c : checks) {
            c.departed(arrivalTime, now);
        }
    }

    @Override
    public void idle(long now, long waiting) {
        for (QueueCheck c : checks) {
            c.idle(now, waiting);
        }
    }
}
