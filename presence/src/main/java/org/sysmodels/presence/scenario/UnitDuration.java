package org.sysmodels.presence.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import org.sysmodels.core.scenario.Range;
import org.sysmodels.core.time.SimTime;

/**
 * A duration field of a presence scenario file: a string with a unit ("30s", "250ms"), as the scenario's Javadoc and
 * docs/presence.md say. A bare number, written as a JSON number or as a string ("5000000000", "10"), is refused with a
 * hint rather than read as nanoseconds: whether 10 means ns, ms or s is the mistake a user should not have to guess
 * (the same rule as the command line's duration flags, {@code OptionSpec.duration}). The field's {@link Range} is
 * checked here too, so a value out of range is reported in units ("allowed: 1s to 86400s"), not in nanoseconds.
 */
public final class UnitDuration extends StdScalarDeserializer<Long> implements ContextualDeserializer {

    private final Range range;

    public UnitDuration() {
        this(null);
    }

    private UnitDuration(Range range) {
        super(Long.class);
        this.range = range;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
        return new UnitDuration(property == null ? null : property.getAnnotation(Range.class));
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            throw JsonMappingException.from(p, noUnit(p.getText()));
        }
        if (t != JsonToken.VALUE_STRING) {
            throw JsonMappingException.from(p, "expected a duration with a unit (a string such as \"30s\" or "
                    + "\"250ms\"), found " + (t == JsonToken.START_OBJECT ? "an object"
                    : t == JsonToken.START_ARRAY ? "a list" : p.getText()));
        }
        String text = p.getText().strip();
        if (!text.isEmpty() && Character.isDigit(text.charAt(text.length() - 1))) {
            throw JsonMappingException.from(p, noUnit("\"" + p.getText() + "\""));
        }
        long ns;
        try {
            ns = SimTime.parse(text);
        } catch (IllegalArgumentException e) {
            throw JsonMappingException.from(p, e.getMessage());
        }
        if (range != null && (ns < range.min() || ns > range.max())) {
            throw JsonMappingException.from(p, "\"" + p.getText() + "\" is out of range; allowed: "
                    + format((long) range.min()) + " to " + format((long) range.max()));
        }
        return ns;
    }

    private static String noUnit(String shown) {
        return shown + " has no unit; use a unit, e.g. 10s (ns, us, ms or s)";
    }

    /** Nanoseconds in the largest unit that divides them exactly, as a file would write them: "1s", "500us". */
    static String format(long ns) {
        if (ns != 0 && ns % SimTime.S == 0) {
            return ns / SimTime.S + "s";
        }
        if (ns != 0 && ns % SimTime.MS == 0) {
            return ns / SimTime.MS + "ms";
        }
        if (ns != 0 && ns % SimTime.US == 0) {
            return ns / SimTime.US + "us";
        }
        return ns == 0 ? "0s" : ns + "ns";
    }
}
