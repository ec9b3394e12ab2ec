package org.sysmodels.core.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;

/**
 * Finds where the value at a JSON pointer ("/workload/iodepth") starts in a document's text, so every problem points at
 * the offending value. Falls back to the nearest enclosing value that is present: a field left at its
 * default is reported at the object that lacks it.
 */
final class JsonLocator {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private JsonLocator() {
    }

    /** @return {line, column}, 1-based, or {0, 0} if neither the pointer nor any parent occurs */
    static int[] locate(String text, JsonPointer pointer) {
        for (JsonPointer p = pointer; p != null; p = p.head()) {
            int[] at = find(text, p);
            if (at != null) {
                return at;
            }
        }
        return new int[] {0, 0};
    }

    /** True if the document has a value at exactly this pointer. */
    static boolean present(String text, JsonPointer pointer) {
        return find(text, pointer) != null;
    }

    /**
     * How the value at {@code pointer} looks, for "expected X, found Y": the literal for a scalar ("deep" with its
     * quotes, 1.5, true, null), "an object" or "a list"; "nothing" if absent.
     */
    static String describe(String text, JsonPointer pointer) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (at(parser, token, pointer)) {
                    return switch (token) {
                        case START_OBJECT -> "an object";
                        case START_ARRAY -> "a list";
                        case VALUE_STRING -> "\"" + parser.getText() + "\"";
                        default -> parser.getText();
                    };
                }
            }
        } catch (IOException e) {
            return "something unreadable";
        }
        return "nothing";
    }

    private static int[] find(String text, JsonPointer target) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (at(parser, token, target)) {
                    JsonLocation loc = parser.currentTokenLocation();
                    return new int[] {loc.getLineNr(), loc.getColumnNr()};
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static boolean at(JsonParser parser, JsonToken token, JsonPointer target) {
        JsonStreamContext ctx = parser.getParsingContext();
        if (token.isStructStart()) {
            ctx = ctx.getParent();
        }
        return ctx != null && token != JsonToken.FIELD_NAME && !token.isStructEnd()
                && ctx.pathAsPointer().equals(target);
    }
}
