package org.sysmodels.bench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The benchmark and its peer must do the same work, or the ratio means nothing. */
class HoldModelTest {

    @Test
    void schedulerAndPriorityQueueRunTheSameEventsInTheSameOrder() {
        SchedulerHold s = new SchedulerHold(10_000, 42);
        PriorityQueueHold q = new PriorityQueueHold(10_000, 42);
        for (int i = 0; i < 50; i++) {
            s.steps(10_000);
            q.steps(10_000);
            assertEquals(q.now(), s.now(), "virtual time after " + (i + 1) * 10_000 + " events");
            assertEquals(q.checksum(), s.checksum(), "events and order after " + (i + 1) * 10_000 + " events");
        }
    }
}
