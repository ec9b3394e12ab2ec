package org.sysmodels.vcpu.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sysmodels.vcpu.api.Json.BodyError;
import org.sysmodels.vcpu.api.Json.Field;
import org.sysmodels.vcpu.api.Json.Schema;
import org.sysmodels.vcpu.api.Json.Type;

/**
 * Reads a body that is valid JSON against its schema as serde_json's {@code Deserializer} (serde_json
 * {@code src/de.rs}) runs serde's derived {@code Deserialize}, so that an error has serde's words and serde's
 * position, "at line L column C": line from 1, column = the bytes consumed on that line.
 * <ul>
 * <li>A value of the wrong type or range is placed after the value ({@code fix_position} in {@code deserialize_str},
 * {@code deserialize_bool}, {@code deserialize_number}); an array or object where a scalar was expected is placed
 * before it ({@code peek_invalid_type} does not consume it).
 * <li>An enum given anything but a string ({@code deserialize_enum}), null included, is "expected value" at that
 * value's first byte ({@code peek_error}).
 * <li>A missing, unknown or duplicate field, and a custom type's own error, carry no position; the enclosing
 * {@code deserialize_struct} places them after {@code end_map} has skipped whitespace and a closing brace.
 * <li>{@code Option} fields take null; {@code #[serde(default)]} fields may be absent but not null.
 * </ul>
 * Departures: an array given for a struct is refused as "invalid type: sequence" (serde would read the fields in
 * order), and an object given for an enum as "expected value".
 */
final class SerdeReader {

    /** An error serde raises without a position; the enclosing struct places it. */
    private static final class Unplaced extends Exception {
        Unplaced(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] b;
    private int i;

    private SerdeReader(byte[] body) {
        this.b = body;
    }

    /** The fields of {@code body} (valid JSON, one value) as {@code schema} reads them. */
    static Map<String, Object> read(byte[] body, Schema schema) throws BodyError {
        SerdeReader r = new SerdeReader(body);
        r.ws();
        if (r.peek() != '{') {
            throw r.invalidType("struct " + schema.name());
        }
        return r.struct(schema);
    }

    /** " at line L column C" for byte index {@code index}, as serde_json's {@code position_of_index}. */
    static String at(byte[] body, int index) {
        int startOfLine = 0;
        int line = 1;
        for (int k = 0; k < index; k++) {
            if (body[k] == '\n') {
                line++;
                startOfLine = k + 1;
            }
        }
        return " at line " + line + " column " + (index - startOfLine);
    }

    private Map<String, Object> struct(Schema s) throws BodyError {
        i++; // '{'
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            boolean first = true;
            while (true) {
                ws();
                if (peek() == '}') {
                    break;
                }
                if (!first) {
                    i++; // ','
                    ws();
                }
                first = false;
                String key = string();
                Field f = s.fields().stream().filter(x -> x.name().equals(key)).findFirst().orElse(null);
                if (f == null && s.strict()) {
                    throw new Unplaced("unknown field `" + key + "`, " + expectedFields(s));
                }
                if (f != null && out.containsKey(key)) {
                    throw new Unplaced("duplicate field `" + key + "`");
                }
                ws();
                i++; // ':'
                ws();
                if (f == null) {
                    skipValue();
                } else {
                    out.put(key, value(f));
                }
            }
            for (Field f : s.fields()) {
                if (!f.optional() && !out.containsKey(f.name())) {
                    throw new Unplaced("missing field `" + f.name() + "`");
                }
            }
        } catch (Unplaced e) {
            ws();
            if (i < b.length && b[i] == '}') {
                i++;
            }
            throw new BodyError(e.getMessage() + at(b, i));
        }
        i++; // '}'
        return out;
    }

    private Object value(Field f) throws BodyError, Unplaced {
        if (f.nullable() && peek() == 'n') {
            i += 4;
            return null;
        }
        return value(f.type());
    }

    private Object value(Type t) throws BodyError, Unplaced {
        ws();
        byte c = peek();
        return switch (t) {
            case Type.Str s -> {
                if (c != '"') {
                    throw invalidType(s.expecting());
                }
                yield string();
            }
            case Type.Bool x -> {
                if (c != 't' && c != 'f') {
                    throw invalidType("a boolean");
                }
                i += c == 't' ? 4 : 5;
                yield c == 't';
            }
            case Type.Unsigned u -> unsigned(u, c);
            case Type.Enum en -> {
                if (c != '"') {
                    throw new BodyError("expected value" + at(b, Math.min(b.length, i + 1)));
                }
                String v = string();
                if (!en.variants().contains(v)) {
                    throw new BodyError("unknown variant `" + v + "`, expected " + oneOf(en.variants()) + at(b, i));
                }
                yield v;
            }
            case Type.Struct st -> {
                if (c != '{') {
                    throw invalidType("struct " + st.schema().name());
                }
                yield struct(st.schema());
            }
            case Type.Vec vec -> {
                if (c != '[') {
                    throw invalidType("a sequence");
                }
                yield sequence(vec.element());
            }
            case Type.AnyObject a -> {
                if (c != '{') {
                    throw invalidType("a map");
                }
                int start = i;
                skipValue();
                try {
                    yield Json.mapper().readTree(b, start, i - start);
                } catch (IOException e) {
                    throw new BodyError(e.getMessage());
                }
            }
            case Type.Custom cu -> {
                Object v = cu.read().apply(value(cu.base()));
                if (v == null) {
                    throw new Unplaced(cu.message());
                }
                yield v;
            }
        };
    }

    private Object unsigned(Type.Unsigned u, byte c) throws BodyError {
        if (c != '-' && (c < '0' || c > '9')) {
            throw invalidType(u.name());
        }
        Object n = number();
        if (!(n instanceof BigInteger v)) {
            throw new BodyError("invalid type: " + unexpected(n) + ", expected " + u.name() + at(b, i));
        }
        if (v.signum() < 0 || v.bitLength() > u.bits()) {
            throw new BodyError("invalid value: integer `" + v + "`, expected " + u.name() + at(b, i));
        }
        return v.longValue();
    }

    private List<Object> sequence(Type element) throws BodyError, Unplaced {
        i++; // '['
        List<Object> items = new ArrayList<>();
        ws();
        while (peek() != ']') {
            if (!items.isEmpty()) {
                i++; // ','
            }
            items.add(value(element));
            ws();
        }
        i++; // ']'
        return items;
    }

    /** serde_json's {@code peek_invalid_type}: what the value is, consumed unless it is an array or object. */
    private BodyError invalidType(String expected) throws BodyError {
        byte c = peek();
        String what;
        if (c == 'n') {
            i += 4;
            what = "null";
        } else if (c == 't' || c == 'f') {
            i += c == 't' ? 4 : 5;
            what = "boolean `" + (c == 't') + "`";
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            what = unexpected(number());
        } else if (c == '"') {
            what = "string " + RustDebug.str(string());
        } else if (c == '[' || c == '{') {
            what = c == '[' ? "sequence" : "map";
        } else {
            return new BodyError("expected value" + at(b, Math.min(b.length, i + 1)));
        }
        return new BodyError("invalid type: " + what + ", expected " + expected + at(b, i));
    }

    /** serde's {@code Unexpected} for a number: "integer `5`", or "floating point `1.5`" (f64 Display, ".0" added). */
    private static String unexpected(Object n) {
        if (n instanceof BigInteger v) {
            return "integer `" + v + "`";
        }
        double d = (Double) n;
        String s = d == 0 ? (1 / d < 0 ? "-0" : "0")
                : new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        return "floating point `" + (s.contains(".") ? s : s + ".0") + "`";
    }

    /**
     * A number: a BigInteger if it is an integer serde_json keeps as one (u64, or i64 when negative), else the f64
     * it parses to (a fraction, an exponent, or an integer too large).
     */
    private Object number() throws BodyError {
        int start = i;
        while (i < b.length && "+-0123456789.eE".indexOf(b[i]) >= 0) {
            i++;
        }
        String text = new String(b, start, i - start, StandardCharsets.US_ASCII);
        if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
            BigInteger v = new BigInteger(text);
            if (v.signum() >= 0 ? v.bitLength() <= 64 : v.bitLength() <= 63) {
                return v;
            }
        }
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d)) {
            throw new BodyError("number out of range" + at(b, i));
        }
        return d;
    }

    /** A string at {@code '"'}, unescaped; leaves {@code i} after the closing quote. */
    private String string() {
        i++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (b[i] != '"') {
            if (b[i] != '\\') {
                out.write(b[i++]);
                continue;
            }
            byte e = b[i + 1];
            i += 2;
            switch (e) {
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'u' -> {
                    StringBuilder units = new StringBuilder().append(hex());
                    if (Character.isHighSurrogate(units.charAt(0)) && i + 1 < b.length && b[i] == '\\'
                            && b[i + 1] == 'u') {
                        i += 2;
                        units.append(hex());
                    }
                    out.writeBytes(units.toString().getBytes(StandardCharsets.UTF_8));
                }
                default -> out.write(e);
            }
        }
        i++;
        return out.toString(StandardCharsets.UTF_8);
    }

    private char hex() {
        char c = (char) Integer.parseInt(new String(b, i, 4, StandardCharsets.US_ASCII), 16);
        i += 4;
        return c;
    }

    /** Skips one valid JSON value. */
    private void skipValue() {
        ws();
        byte c = peek();
        if (c == '"') {
            string();
        } else if (c == '{' || c == '[') {
            int depth = 0;
            do {
                if (b[i] == '"') {
                    string();
                    continue;
                }
                if (b[i] == '{' || b[i] == '[') {
                    depth++;
                } else if (b[i] == '}' || b[i] == ']') {
                    depth--;
                }
                i++;
            } while (depth > 0);
        } else {
            while (i < b.length && ",]} \t\n\r".indexOf(b[i]) < 0) {
                i++;
            }
        }
    }

    private void ws() {
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r')) {
            i++;
        }
    }

    private byte peek() {
        return i < b.length ? b[i] : 0;
    }

    private static String expectedFields(Schema s) {
        return s.fields().isEmpty() ? "there are no fields"
                : "expected " + oneOf(s.fields().stream().map(Field::name).toList());
    }

    /** serde's {@code OneOf}: "`a`", "`a` or `b`", "one of `a`, `b`, `c`". */
    static String oneOf(List<String> names) {
        if (names.size() == 1) {
            return "`" + names.get(0) + "`";
        }
        if (names.size() == 2) {
            return "`" + names.get(0) + "` or `" + names.get(1) + "`";
        }
        StringBuilder s = new StringBuilder("one of ");
        for (int k = 0; k < names.size(); k++) {
            s.append(k == 0 ? "" : ", ").append('`').append(names.get(k)).append('`');
        }
        return s.toString();
    }
}
