package org.sysmodels.vcpu.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies read the way Firecracker's serde structs read them ({@code #[serde(deny_unknown_fields)]}): a schema
 * per body, every field typed (strings, booleans, unsigned integers of a width, enum variants by exact name, nested
 * structs), {@code Option} fields that may be absent or null, others required unless they have a default, and unknown
 * fields refused. Errors use serde_json's wording ("unknown field `x`, expected one of `a`, `b`", "missing field `x`",
 * "invalid type: string \"1\", expected u8", "unknown variant `X`, expected one of ...") with its "at line L column C"
 * where the position is known; Jackson finds the syntax errors, with its own wording for those.
 */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A field's type. */
    sealed interface Type {
        record Str() implements Type {
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
    }

    static final Type STR = new Type.Str();
    static final Type BOOL = new Type.Bool();
    static final Type U8 = new Type.Unsigned(8, "u8");
    static final Type U16 = new Type.Unsigned(16, "u16");
    static final Type U64 = new Type.Unsigned(64, "u64");
    static final Type USIZE = new Type.Unsigned(64, "usize");

    static Type variants(String... names) {
        return new Type.Enum(List.of(names));
    }

    /** A field: its name, type, and whether it may be absent (Option, or a serde default). */
    record Field(String name, Type type, boolean optional) {
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
        return new Field(name, type, false);
    }

    static Field opt(String name, Type type) {
        return new Field(name, type, true);
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
        try (JsonParser p = MAPPER.createParser(body)) {
            root = MAPPER.readTree(p);
            if (root != null && !root.isMissingNode()) {
                trailing(p, body);
            }
        } catch (JsonProcessingException e) {
            throw new BodyError(syntax(e));
        } catch (IOException e) {
            throw new BodyError(e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new BodyError("EOF while parsing a value at line 1 column 0");
        }
        return struct(root, schema, body);
    }

    /** serde_json's {@code Deserializer::end}: only whitespace may follow the value. */
    private static void trailing(JsonParser p, String body) throws BodyError {
        int at = (int) p.currentLocation().getCharOffset();
        while (at < body.length() && " \t\n\r".indexOf(body.charAt(at)) >= 0) {
            at++;
        }
        if (at < body.length()) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (body.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new BodyError("trailing characters at line " + line + " column " + (at - lineStart + 1));
        }
    }

    private static String syntax(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String msg = e.getOriginalMessage();
        if (e instanceof JsonParseException && msg.contains("end-of-input")) {
            msg = "EOF while parsing a value";
        } else if (msg.startsWith("Duplicate field")) {
            msg = "duplicate field " + msg.substring(msg.indexOf('\'')).replace('\'', '`');
        }
        return at == null ? msg : msg + " at line " + at.getLineNr() + " column " + at.getColumnNr();
    }

    private static Map<String, Object> struct(JsonNode node, Schema schema, String body) throws BodyError {
        if (!node.isObject()) {
            throw new BodyError("invalid type: " + describe(node) + ", expected struct " + schema.name());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Field f = schema.fields().stream().filter(x -> x.name().equals(e.getKey())).findFirst().orElse(null);
            if (f == null) {
                if (schema.strict()) {
                    throw new BodyError("unknown field `" + e.getKey() + "`, expected " + oneOf(schema));
                }
                continue;
            }
            if (e.getValue().isNull()) {
                if (!f.optional()) {
                    throw new BodyError("invalid type: null, expected " + expected(f.type()));
                }
                out.put(f.name(), null);
                continue;
            }
            out.put(f.name(), value(e.getValue(), f.type(), body));
        }
        for (Field f : schema.fields()) {
            if (!f.optional() && !out.containsKey(f.name())) {
                throw new BodyError("missing field `" + f.name() + "`");
            }
        }
        return out;
    }

    private static Object value(JsonNode v, Type t, String body) throws BodyError {
        return switch (t) {
            case Type.Str s -> {
                if (!v.isTextual()) {
                    throw new BodyError("invalid type: " + describe(v) + ", expected a string");
                }
                yield v.asText();
            }
            case Type.Bool b -> {
                if (!v.isBoolean()) {
                    throw new BodyError("invalid type: " + describe(v) + ", expected a boolean");
                }
                yield v.asBoolean();
            }
            case Type.Unsigned u -> {
                if (!v.isIntegralNumber()) {
                    throw new BodyError("invalid type: " + describe(v) + ", expected " + u.name());
                }
                BigInteger n = v.bigIntegerValue();
                if (n.signum() < 0 || n.bitLength() > u.bits()) {
                    throw new BodyError("invalid value: integer `" + n + "`, expected " + u.name());
                }
                yield n.longValue();
            }
            case Type.Enum en -> {
                if (!v.isTextual()) {
                    throw new BodyError("invalid type: " + describe(v) + ", expected an enum variant");
                }
                if (!en.variants().contains(v.asText())) {
                    throw new BodyError("unknown variant `" + v.asText() + "`, expected "
                            + quoted(en.variants()));
                }
                yield v.asText();
            }
            case Type.Struct st -> struct(v, st.schema(), body);
            case Type.Vec vec -> {
                if (!v.isArray()) {
                    throw new BodyError("invalid type: " + describe(v) + ", expected a sequence");
                }
                List<Object> items = new ArrayList<>();
                for (JsonNode item : v) {
                    items.add(value(item, vec.element(), body));
                }
                yield items;
            }
            case Type.AnyObject a -> {
                if (!(v instanceof ObjectNode)) {
                    throw new BodyError("invalid type: " + describe(v) + ", expected a map");
                }
                yield v;
            }
        };
    }

    private static String expected(Type t) {
        return switch (t) {
            case Type.Str s -> "a string";
            case Type.Bool b -> "a boolean";
            case Type.Unsigned u -> u.name();
            case Type.Enum e -> "an enum variant";
            case Type.Struct s -> "struct " + s.schema().name();
            case Type.Vec v -> "a sequence";
            case Type.AnyObject a -> "a map";
        };
    }

    private static String oneOf(Schema s) {
        List<String> names = s.fields().stream().map(Field::name).toList();
        return names.size() == 1 ? "`" + names.get(0) + "`" : quoted(names);
    }

    private static String quoted(List<String> names) {
        StringBuilder b = new StringBuilder("one of ");
        for (int i = 0; i < names.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('`').append(names.get(i)).append('`');
        }
        return b.toString();
    }

    /** serde's description of an unexpected value: "string \"x\"", "integer `5`", "boolean `true`", "map". */
    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "string \"" + v.asText() + "\"";
        }
        if (v.isIntegralNumber()) {
            return "integer `" + v.asText() + "`";
        }
        if (v.isNumber()) {
            return "floating point `" + v.asText() + "`";
        }
        if (v.isBoolean()) {
            return "boolean `" + v.asText() + "`";
        }
        if (v.isArray()) {
            return "sequence";
        }
        if (v.isObject()) {
            return "map";
        }
        return "null";
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
