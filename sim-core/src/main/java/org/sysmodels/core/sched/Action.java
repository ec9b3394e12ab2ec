package org.sysmodels.core.sched;

/**
 * An event's behaviour, given the {@code long} argument it was scheduled with. Models keep one preallocated
 * {@code Action} per entity (a command slot, a queue) and pass the entity's index as the argument, so scheduling an
 * event allocates nothing.
 */
@FunctionalInterface
public interface Action {
    void run(long arg);
}
