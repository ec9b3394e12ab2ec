package org.sysmodels.core.time;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * Reads a duration field of a scenario file as nanoseconds: a JSON number (ns) or a string with a unit ("80us").
 * Use on a {@code long} or {@code Long} component with {@code @JsonDeserialize(using = DurationDeserializer.class)}.
 */
public final class DurationDeserializer extends StdScalarDeserializer<Long> {

    public DurationDeserializer() {
        super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return Math.round(p.getDoubleValue());
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return SimTime.parse(p.getText());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
        throw JsonMappingException.from(p, "expected a duration (nanoseconds, or a string with a unit such as "
                + "\"80us\"), found " + (t == JsonToken.START_OBJECT ? "an object"
                : t == JsonToken.START_ARRAY ? "a list" : p.getText()));
    }
}
