package org.sysmodels.sensor.scenario;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.sysmodels.core.scenario.DurationDeserializer;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;
import org.sysmodels.sensor.host.safety.SafetyParameters;

/**
 * The safety function's settings (stored in the parameter flash) and the FTTI the run judges it by. All optional.
 *
 * @param trip         trip limit, °C
 * @param ftti         fault tolerant time interval (also the process safety time of a demand)
 * @param hazardError  how far a temperature reading may be off before the function is compromised (°C): a drift
 *                     matters from the moment its error passes this
 * @param discrepancy  largest disagreement between channels that is not a fault (°C)
 * @param compensation "datasheet" or "bosch-api"
 */
public record SafetySpec(@Range(min = -40, max = 85) Double trip,
                         @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1_000_000) Long ftti,
                         @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 100_000,
                                 max = 100_000_000) Long period,
                         @Range(min = 0.05, max = 50) Double hazardError,
                         @Range(min = 0.05, max = 50) Double discrepancy,
                         @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1_000_000) Long stale,
                         @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1_000_000) Long frozen,
                         @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0) Long debounce,
                         String compensation) {

    public SafetySpec {
        if (compensation != null && !compensation.equals("datasheet") && !compensation.equals("bosch-api")) {
            throw new InvalidFieldException("compensation", "\"" + compensation + "\" is not a compensation; use "
                    + "\"datasheet\" or \"bosch-api\"");
        }
    }

    /** The loop period as the parameter block stores it (whole µs), in ns; the default's when unset. */
    public long periodNs() {
        return storedNs(period, SafetyParameters.DEFAULT_PERIOD_US);
    }

    /** The stale-data limit as the parameter block stores it (whole µs), in ns; the default's when unset. */
    public long staleNs() {
        return storedNs(stale, SafetyParameters.DEFAULT_STALE_US);
    }

    /** The frozen-data limit as the parameter block stores it (whole µs), in ns; the default's when unset. */
    public long frozenNs() {
        return storedNs(frozen, SafetyParameters.DEFAULT_FROZEN_US);
    }

    private static long storedNs(Long ns, int defaultUs) {
        return ns == null ? defaultUs * 1000L : ns / 1000 * 1000;
    }

    public static SafetySpec defaults() {
        return new SafetySpec(null, null, null, null, null, null, null, null, null);
    }
}
