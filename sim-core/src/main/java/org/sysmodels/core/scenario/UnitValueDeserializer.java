package org.sysmodels.core.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * Reads a scenario quantity that is either a plain JSON number (in the base unit, where the subclass allows one) or a
 * string with a unit, such as "80us" or "4k". Subclasses say how to parse the text and how to describe the expected
 * form in messages.
 */
public abstract class UnitValueDeserializer extends StdScalarDeserializer<Long> {

    protected UnitValueDeserializer() {
        super(Long.class);
    }

    /** Parses text with a unit. @throws IllegalArgumentException with a message that names the accepted forms */
    protected abstract long parse(String text);

    /** The expected form, for "expected X, found Y": e.g. "a size (bytes, or a string such as \"4k\")". */
    protected abstract String expected();

    /**
     * Why a plain JSON number is refused, or null if it is read in the base unit (a duration's unit must be written).
     */
    protected String refuseNumber(String number) {
        return null;
    }

    @Override
    public final Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            String refused = refuseNumber(p.getText());
            if (refused != null) {
                throw JsonMappingException.from(p, refused);
            }
        }
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return parse(p.getText());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
        throw JsonMappingException.from(p, "expected " + expected() + ", found " + FoundValue.of(p));
    }
}
