package org.sysmodels.queue.scenario;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.sysmodels.core.scenario.DurationDeserializer;
import org.sysmodels.core.scenario.Range;

/**
 * An M/M/1 run: offered load ρ, mean service time and number of jobs. In a file:
 * {@code {"load": 0.8, "meanService": "10us", "jobs": 100000}}. Missing fields take the defaults below.
 */
public record QueueScenario(
        @Range(min = 0.01, max = 0.99) Double load,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1, max = 1e12) Long meanService,
        @Range(min = 1, max = 100_000_000) Long jobs) {

    public static final QueueScenario DEFAULT = new QueueScenario(null, null, null);

    public QueueScenario {
        load = load == null ? 0.5 : load;
        meanService = meanService == null ? 10_000L : meanService;
        jobs = jobs == null ? 200_000L : jobs;
    }

    public double meanInterarrival() {
        return meanService / load;
    }
}
