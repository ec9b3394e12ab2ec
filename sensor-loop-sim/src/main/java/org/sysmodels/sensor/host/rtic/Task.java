package org.sysmodels.sensor.host.rtic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A hardware task: bound to a timer's interrupt, run at its priority when the timer fires. Declared with its period,
 * offset, deadline, worst-case execution time and the resources it locks, which the response-time analysis uses.
 */
public final class Task {

    private final String name;
    final int priority;
    long periodNs;
    long offsetNs;
    long deadlineNs;
    long wcetNs;
    final Map<Resource<?>, Long> uses = new LinkedHashMap<>();
    Consumer<Context> body = cx -> {
    };
    int timer = -1;
    int irq = -1;
    long bound = -1;
    /** Releases not yet completed: one completion completes them all (the NVIC keeps one pending bit). */
    final long[] open = new long[64];
    int opened;
    Resource<?> waitingFor;

    Task(String name, int priority) {
        this.name = name;
        this.priority = priority;
    }

    public String name() {
        return name;
    }

    public int priority() {
        return priority;
    }

    /** Released every {@code ns}, first at {@code offset} (default: one period). */
    public Task every(long ns, long offset) {
        periodNs = ns;
        offsetNs = offset;
        if (deadlineNs == 0) {
            deadlineNs = ns;
        }
        return this;
    }

    public Task every(long ns) {
        return every(ns, ns);
    }

    public Task deadline(long ns) {
        deadlineNs = ns;
        return this;
    }

    /** The declared worst-case execution time (ns). */
    public Task wcet(long ns) {
        wcetNs = ns;
        return this;
    }

    /** Declares that the task locks {@code r} for at most {@code criticalSectionNs}. */
    public Task uses(Resource<?> r, long criticalSectionNs) {
        uses.put(r, criticalSectionNs);
        return this;
    }

    public Task run(Consumer<Context> b) {
        body = b;
        return this;
    }

    /** The analysed bound (ns), −1 before analysis or when the set is not schedulable. */
    public long bound() {
        return bound;
    }

    public long deadlineNs() {
        return deadlineNs;
    }

    public long periodNs() {
        return periodNs;
    }

    public int irq() {
        return irq;
    }

    TaskSpec spec() {
        Map<String, Long> cs = new LinkedHashMap<>();
        uses.forEach((r, ns) -> cs.put(r.name(), ns));
        return new TaskSpec(name, priority, periodNs, deadlineNs, wcetNs, cs);
    }
}
