package org.sysmodels.bench;

import java.util.List;

/** The headline figures of every system, in the order bench/run prints them. Each system's issue adds its rows. */
public final class Headlines {

    private static final String CORE = "org.sysmodels.bench.core.";

    public static final List<Headline> ALL = List.of(
            new Headline("sim-core scheduler, hold model, 10k pending", CORE + "SchedulerBench.holdScheduler",
                    "events/s", "java.util.PriorityQueue hold loop", CORE + "SchedulerBench.holdPriorityQueue",
                    "≥ 20 M events/s, 0 B/event, ≥ 2× peer"));

    private Headlines() {
    }
}
