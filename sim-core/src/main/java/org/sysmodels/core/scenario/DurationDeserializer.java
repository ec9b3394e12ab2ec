package org.sysmodels.core.scenario;

import org.sysmodels.core.time.SimTime;

/**
 * Reads a duration field of a scenario file as nanoseconds from a string with a unit ("80us"). A bare number, a JSON
 * number or a string without a unit, is refused as the command line refuses it ({@code OptionSpec.duration}).
 * Use on a {@code long} or {@code Long} component with {@code @JsonDeserialize(using = DurationDeserializer.class)}.
 */
public final class DurationDeserializer extends UnitValueDeserializer {

    @Override
    protected long parse(String text) {
        return SimTime.parse(text);
    }

    @Override
    protected String refuseNumber(String number) {
        return SimTime.noUnit(number);
    }

    @Override
    protected String expected() {
        return "a duration (a string with a unit such as \"80us\")";
    }
}
