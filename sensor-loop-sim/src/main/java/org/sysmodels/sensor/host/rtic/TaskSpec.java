package org.sysmodels.sensor.host.rtic;

import java.util.Map;

/**
 * What response-time analysis needs to know of a task: its priority (RTIC's logical priority, higher = more urgent),
 * period (minimum inter-arrival time), relative deadline, worst-case execution time, and the longest critical section
 * it holds on each resource it locks. Times in ns.
 */
public record TaskSpec(String name, int priority, long period, long deadline, long wcet,
                       Map<String, Long> criticalSections) {

    public TaskSpec {
        criticalSections = Map.copyOf(criticalSections);
        if (priority < 1 || period <= 0 || deadline <= 0 || wcet < 0) {
            throw new IllegalArgumentException("task " + name + ": priority ≥ 1, period and deadline > 0, WCET ≥ 0");
        }
    }
}
