package org.sysmodels.nvme.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/** Reads a byte size from a number or from text such as "4k" or "1GiB" (see {@link Sizes}). */
public final class SizeDeserializer extends StdScalarDeserializer<Long> {

    public SizeDeserializer() {
        super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Sizes.parse(p.getText());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
        throw JsonMappingException.from(p, "expected a size (bytes, or a string such as \"4k\" or \"1GiB\"), found "
                + (t == JsonToken.START_OBJECT ? "an object" : t == JsonToken.START_ARRAY ? "a list" : p.getText()));
    }
}
