package org.sysmodels.presence.gateway.users;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import org.sysmodels.core.scenario.FoundValue;

/**
 * A text field of the users file (an id, a name, a token): a JSON string and nothing else. Jackson would turn
 * {@code 1} or {@code true} into "1" or "true"; here they are refused at their place, so {@code "token": 1001} is
 * a {@code file:line:col} error instead of a token "1001" nobody wrote as one. Discord's ids are strings too
 * (discord-api-docs, Reference, Snowflakes: "always returned as strings").
 */
final class TextOnly extends StdScalarDeserializer<String> {

    TextOnly() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        throw JsonMappingException.from(p, "expected a string (in quotes), found " + FoundValue.of(p));
    }
}
