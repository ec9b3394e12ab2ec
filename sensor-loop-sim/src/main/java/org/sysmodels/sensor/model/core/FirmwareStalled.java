package org.sysmodels.sensor.model.core;

/**
 * Firmware went round a loop {@link SpinBudget#ITERATIONS} times while simulated time stood still: the run cannot go
 * on, and ends there. An {@link Error}, like {@link CoreSignal}, so firmware that catches {@code Exception} does not
 * swallow it; firmware that catches it anyway gets it again at its next step. Its stack names the firmware's line.
 *
 * @param at simulated time at which the loop stalled (ns)
 */
public final class FirmwareStalled extends Error {

    private final long iterations;
    private final long at;

    FirmwareStalled(long iterations, long at) {
        super(iterations + " loop iterations without simulated time passing");
        this.iterations = iterations;
        this.at = at;
    }

    public long iterations() {
        return iterations;
    }

    public long at() {
        return at;
    }
}
