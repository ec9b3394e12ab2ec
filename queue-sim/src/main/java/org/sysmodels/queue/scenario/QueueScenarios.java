package org.sysmodels.queue.scenario;

import org.sysmodels.core.scenario.ScenarioCatalog;

/** The packaged scenarios of {@code sim queue}. */
public final class QueueScenarios {

    public static final ScenarioCatalog<QueueScenario> CATALOG = new ScenarioCatalog<>(QueueScenario.class)
            .add("light", "/org/sysmodels/queue/scenario/light.json", "ρ = 0.3: jobs rarely wait")
            .add("busy", "/org/sysmodels/queue/scenario/busy.json", "ρ = 0.9: waits ten times the service time");

    private QueueScenarios() {
    }
}
