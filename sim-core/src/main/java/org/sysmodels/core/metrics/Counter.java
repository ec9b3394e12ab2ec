package org.sysmodels.core.metrics;

/** A named count of events. */
public final class Counter {

    private final String name;
    private long value;

    public Counter(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void increment() {
        value++;
    }

    public void add(long n) {
        value += n;
    }

    public long value() {
        return value;
    }
}
