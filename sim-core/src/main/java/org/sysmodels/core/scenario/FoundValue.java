package org.sysmodels.core.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** The value a parser stands on, as "expected X, found Y" names it: "an object", "a list", or its text. */
public final class FoundValue {

    private FoundValue() {
    }

    public static String of(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return t == JsonToken.START_OBJECT ? "an object" : t == JsonToken.START_ARRAY ? "a list" : p.getText();
    }
}
