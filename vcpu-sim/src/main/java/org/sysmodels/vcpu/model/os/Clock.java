package org.sysmodels.vcpu.model.os;

/** CLOCK_MONOTONIC: virtual nanoseconds in deterministic mode, System.nanoTime() with threads. */
@FunctionalInterface
public interface Clock {
    long nanoTime();
}
