package org.sysmodels.sensor.host.rtic;

/**
 * A resource shared between tasks, holding its data. Its ceiling is the highest priority of the tasks that declare
 * it, computed by the application when it starts (as RTIC computes it at compile time).
 */
public final class Resource<T> {

    private final String name;
    private final T data;
    int ceiling;
    Task holder;

    Resource(String name, T data) {
        this.name = name;
        this.data = data;
    }

    public String name() {
        return name;
    }

    public int ceiling() {
        return ceiling;
    }

    /** The data; reach it only inside a lock (RTIC makes that a compile-time rule; here it is yours). */
    public T data() {
        return data;
    }

    /** The task holding the resource under a lock policy that tracks holders, or null. */
    public Task holder() {
        return holder;
    }

    public void hold(Task t) {
        holder = t;
    }
}
