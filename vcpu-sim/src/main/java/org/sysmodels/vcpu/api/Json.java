package org.sysmodels.vcpu.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Request bodies read the way Firecracker's serde structs read them ({@code #[serde(deny_unknown_fields)]}): a schema
 * per body, every field typed (strings, booleans, unsigned integers of a width, enum variants by exact name, nested
 * structs), {@code Option} fields that may be absent or null, {@code #[serde(default)]} fields that may be absent,
 * others required, and unknown fields refused. Jackson finds the syntax errors, with its own wording for those; then
 * {@link SerdeReader} reads the fields with serde_json's wording and its "at line L column C" ("unknown field `x`,
 * expected `a` or `b`", "missing field `x`", "invalid type: string \"1\", expected u8").
 */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** A field's type. */
    sealed interface Type {
        /** A string; {@code expecting} is its serde visitor's word ("a string"; PathBuf's "path string"). */
        record Str(String expecting) implements Type {
        }

        record Bool() implements Type {
        }

        /** An unsigned integer of {@code bits} bits ("u8", "u64", "usize"). */
        record Unsigned(int bits, String name) implements Type {
        }

        record Enum(List<String> variants) implements Type {
        }

        record Struct(Schema schema) implements Type {
        }

        record Vec(Type element) implements Type {
        }

        /** Any JSON object (serde_json::Value / a map). */
        record AnyObject() implements Type {
        }

        /**
         * A type with its own Deserialize: read as {@code base}, then {@code read} gives the value kept, or null to
         * refuse it with {@code message} (Error::custom).
         */
        record Custom(Type base, UnaryOperator<Object> read, String message) implements Type {
        }
    }

    static final Type STR = new Type.Str("a string");
    static final Type PATH = new Type.Str("path string");
    static final Type BOOL = new Type.Bool();
    static final Type U8 = new Type.Unsigned(8, "u8");
    static final Type U16 = new Type.Unsigned(16, "u16");
    static final Type U64 = new Type.Unsigned(64, "u64");
    static final Type USIZE = new Type.Unsigned(64, "usize");

    static Type variants(String... names) {
        return new Type.Enum(List.of(names));
    }

    /** A field: its name, type, whether it may be absent (Option, or a serde default), and null (Option only). */
    record Field(String name, Type type, boolean optional, boolean nullable) {
    }

    /** A struct's fields; {@code strict} = deny_unknown_fields. */
    record Schema(String name, List<Field> fields, boolean strict) {
        static Schema strict(String name, Field... fields) {
            return new Schema(name, List.of(fields), true);
        }

        static Schema lenient(String name, Field... fields) {
            return new Schema(name, List.of(fields), false);
        }
    }

    static Field req(String name, Type type) {
        return new Field(name, type, false, false);
    }

    /** An {@code Option} field: absent or null is None. */
    static Field opt(String name, Type type) {
        return new Field(name, type, true, true);
    }

    /** A {@code #[serde(default)]} field: it may be absent, but null is a value of the wrong type. */
    static Field dflt(String name, Type type) {
        return new Field(name, type, true, false);
    }

    /** A body that does not fit its schema, in serde_json's words. */
    static final class BodyError extends Exception {
        BodyError(String message) {
            super(message, null, false, false);
        }
    }

    private Json() {
    }

    /** Parses {@code body} against {@code schema}: the fields present, by name (null for JSON null). */
    static Map<String, Object> parse(String body, Schema schema) throws BodyError {
        JsonNode root;
        BodyError trailing = null;
        try (JsonParser p = MAPPER.createParser(body)) {
            root = MAPPER.readTree(p);
            if (root != null && !root.isMissingNode()) {
                trailing = trailing(p, body);
            }
        } catch (JsonProcessingException e) {
            throw new BodyError(syntax(e));
        } catch (IOException e) {
            throw new BodyError(e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new BodyError("EOF while parsing a value at line 1 column 0");
        }
        Map<String, Object> fields = SerdeReader.read(body.getBytes(StandardCharsets.UTF_8), schema);
        if (trailing != null) {
            throw trailing;
        }
        return fields;
    }

    /** serde_json's {@code Deserializer::end}, after the value is read: only whitespace may follow it. */
    private static BodyError trailing(JsonParser p, String body) {
        int at = (int) p.currentLocation().getCharOffset();
        while (at < body.length() && " \t\n\r".indexOf(body.charAt(at)) >= 0) {
            at++;
        }
        if (at < body.length()) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            int index = body.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
            return new BodyError("trailing characters" + SerdeReader.at(bytes, index + 1));
        }
        return null;
    }

    private static String syntax(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String msg = e.getOriginalMessage();
        if (e instanceof JsonParseException && msg.contains("end-of-input")) {
            msg = "EOF while parsing a value";
        }
        return at == null ? msg : msg + " at line " + at.getLineNr() + " column " + at.getColumnNr();
    }

    /** {"fault_message": "..."} as Firecracker's json_fault_message writes it. */
    static String faultMessage(String message) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("fault_message", message);
        return n.toString();
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
