package org.sysmodels.core.scenario;

import org.sysmodels.core.time.SimTime;

/**
 * Reads a duration field of a scenario file as nanoseconds: a JSON number (ns) or a string with a unit ("80us").
 * Use on a {@code long} or {@code Long} component with {@code @JsonDeserialize(using = DurationDeserializer.class)}.
 */
public final class DurationDeserializer extends UnitValueDeserializer {

    @Override
    protected long parse(String text) {
        return SimTime.parse(text);
    }

    @Override
    protected String expected() {
        return "a duration (nanoseconds, or a string with a unit such as \"80us\")";
    }

    @Override
    protected boolean acceptsFractions() {
        return true;
    }
}
