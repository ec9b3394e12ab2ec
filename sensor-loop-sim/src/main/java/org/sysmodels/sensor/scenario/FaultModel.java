package org.sysmodels.sensor.scenario;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.sysmodels.core.scenario.DurationDeserializer;
import org.sysmodels.core.scenario.Range;

/**
 * The size of each injected fault, where the fault plan's entry cannot say it (a fault plan names only kind, target
 * and time). All optional.
 *
 * @param drift       sensor drift, °C per second (negative drifts down)
 * @param noise       extra sensor noise, °C RMS
 * @param spike       spike size, °C
 * @param hangClocks  SCL clocks a hung target needs to release SDA (1..9; 0 = drawn at random)
 * @param overrun     extra time one loop cycle or task takes
 * @param clockFactor how fast the faulty core clock runs (0.5 = half speed; a clock-drift fault defaults to 0.9)
 * @param nackWindow  how long a NACK storm lasts
 */
public record FaultModel(@Range(min = -1000, max = 1000) Double drift,
                         @Range(min = 0, max = 100) Double noise,
                         @Range(min = -200, max = 200) Double spike,
                         @Range(min = 0, max = 9) Integer hangClocks,
                         @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0) Long overrun,
                         @Range(min = 0.01, max = 10) Double clockFactor,
                         @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0) Long nackWindow) {

    public static FaultModel defaults() {
        return new FaultModel(null, null, null, null, null, null, null);
    }

    public double driftOr() {
        return drift == null ? -5.0 : drift;
    }

    public double noiseOr() {
        return noise == null ? 3.0 : noise;
    }

    public double spikeOr() {
        return spike == null ? 15.0 : spike;
    }

    public int hangClocksOr() {
        return hangClocks == null ? 0 : hangClocks;
    }

    public long overrunOr() {
        return overrun == null ? 3_000_000L : overrun;
    }

    public double clockFactorOr() {
        return clockFactor == null ? 0.5 : clockFactor;
    }

    /** The factor of a clock-drift fault: the scenario's clock factor, else 10 % slow. */
    public double clockDriftFactorOr() {
        return clockFactor == null ? 0.9 : clockFactor;
    }

    public long nackWindowOr() {
        return nackWindow == null ? 30_000_000L : nackWindow;
    }
}
