package org.sysmodels.core.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns Jackson's exceptions into {@link Problem}s a student can act on: what is wrong, where, and what is allowed. */
final class JacksonProblems {

    private JacksonProblems() {
    }

    static Problem from(String source, String text, JsonProcessingException e) {
        boolean eof = endedEarly(e);
        if (!eof && e instanceof JsonMappingException m && e.getCause() instanceof StreamReadException syntax
                && !(syntax instanceof InputCoercionException)) {
            // A syntax error met while binding a nested value: Jackson wraps it with the path of the value being
            // bound; it is reported where the parser stopped, not where that value starts (maybe lines before).
            int[] at = location(syntax);
            return new Problem(source, at[0], at[1], fieldPath(m.getPath()), syntax(syntax));
        }
        String path = eof ? "" : e instanceof JsonMappingException m ? fieldPath(m.getPath()) : streamPath(e);
        String missing = e instanceof ValueInstantiationException v && nullForPrimitive(v)
                ? missingPrimitive(v.getType(), text, ScenarioLoader.pointerOf(path)) : null;
        String field = e instanceof ValueInstantiationException v && v.getCause() instanceof InvalidFieldException f
                ? (path.isEmpty() ? f.field() : path + "." + f.field())
                : missing != null ? (path.isEmpty() ? missing : path + "." + missing)
                : path;
        JsonPointer pointer = ScenarioLoader.pointerOf(field);
        String message = eof ? Unclosed.describe(text) : switch (e) {
            case UnrecognizedPropertyException u -> "unknown field \"" + u.getPropertyName() + "\"; known fields: "
                    + sortedNames(u.getKnownPropertyIds());
            case InvalidTypeIdException t -> unknownType(t);
            case InvalidFormatException f -> "expected " + describe(f.getTargetType())
                    + ", found " + quote(f.getValue());
            case ValueInstantiationException v when missing != null -> "required field is missing";
            case ValueInstantiationException v -> instantiation(v);
            // Jackson calls a text given for an array a definition problem ("Cannot construct instance of `int[]`").
            case InvalidDefinitionException d when d.getType() != null && d.getType().isArrayType()
                    && JsonLocator.present(text, pointer) -> "expected a list, found "
                    + JsonLocator.describe(text, pointer);
            case MismatchedInputException m when m.getOriginalMessage().startsWith("Trailing token")
                    -> "unexpected content after the closing } of the file's JSON object";
            case MismatchedInputException m when m.getOriginalMessage().startsWith("No content to map")
                    -> "the file is empty; expected " + describe(m.getTargetType());
            case MismatchedInputException m when !field.isEmpty() && !JsonLocator.present(text, pointer)
                    -> "required field is missing";
            case MismatchedInputException m when m.getTargetType() != null -> "expected "
                    + describe(m.getTargetType()) + ", found " + JsonLocator.describe(text, pointer);
            case InputCoercionException c -> "number out of range for " + describe(c.getTargetType());
            case JsonMappingException m when m.getCause() instanceof InputCoercionException c -> outOfRange(m, c);
            case StreamReadException r -> syntax(r);
            default -> clean(e.getOriginalMessage());
        };
        int[] at = e instanceof JsonMappingException && !field.isEmpty() && JsonLocator.present(text, pointer)
                ? JsonLocator.locate(text, pointer)
                : eof ? Unclosed.end(text) : location(e);
        return new Problem(source, at[0], at[1], field, message);
    }

    /**
     * A parser's complaint; a field given twice is one too (the parser's strict duplicate detection), since the
     * second value would otherwise silently replace the first.
     */
    private static String syntax(StreamReadException e) {
        Matcher twice = DUPLICATE.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        return twice.find() ? "the field \"" + twice.group(1) + "\" is given twice; give each field once"
                : "not valid JSON: " + clean(e.getOriginalMessage());
    }

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']*)'");

    /**
     * A number too large for its field's Java type: the field's {@link Range} where it has one (what it would have
     * said had the number fitted), else the type.
     */
    private static String outOfRange(JsonMappingException m, InputCoercionException c) {
        Matcher number = NUMBER.matcher(c.getOriginalMessage() == null ? "" : c.getOriginalMessage());
        String value = number.find() ? number.group(1) : "the number";
        Range range = range(m.getPath());
        return range != null ? value + " is out of range; allowed: " + ScenarioValidator.describe(range)
                : value + " is out of range for " + describe(c.getTargetType()) + " field";
    }

    private static final Pattern NUMBER = Pattern.compile("^Numeric value \\((.*?)\\) out of range");

    /** The {@link Range} of the record component the path ends at, or null. */
    private static Range range(List<JsonMappingException.Reference> path) {
        if (path.isEmpty()) {
            return null;
        }
        JsonMappingException.Reference last = path.get(path.size() - 1);
        Class<?> owner = last.getFrom() instanceof Class<?> k ? k : last.getFrom() == null ? null
                : last.getFrom().getClass();
        if (owner == null || !owner.isRecord() || last.getFieldName() == null) {
            return null;
        }
        for (RecordComponent rc : owner.getRecordComponents()) {
            if (ScenarioValidator.jsonName(rc).equals(last.getFieldName())) {
                return rc.getAnnotation(Range.class);
            }
        }
        return null;
    }

    /** The text ended before the value did (Jackson says so with an EOF exception, or wraps one). */
    private static boolean endedEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonEOFException || t instanceof JsonProcessingException p
                    && p.getOriginalMessage() != null && p.getOriginalMessage().startsWith("Unexpected end-of-input")) {
                return true;
            }
        }
        return false;
    }

    private static int[] location(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        return loc == null ? new int[] {0, 0} : new int[] {loc.getLineNr(), loc.getColumnNr()};
    }

    private static String instantiation(ValueInstantiationException v) {
        Throwable cause = v.getCause();
        return cause != null && cause.getMessage() != null ? cause.getMessage() : firstLine(v.getOriginalMessage());
    }

    /** The constructor failed on a null for a primitive (a NullPointerException, maybe wrapped). */
    private static boolean nullForPrimitive(ValueInstantiationException v) {
        for (Throwable t = v.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NullPointerException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A record of primitive components cannot be made with one absent: a field read by a unit deserializer (a
     * duration or a size) is null when absent, and the record's constructor fails on it. The first primitive
     * component the object at {@code pointer} lacks, or null.
     */
    private static String missingPrimitive(JavaType type, String text, JsonPointer pointer) {
        if (type == null || !type.getRawClass().isRecord()) {
            return null;
        }
        for (RecordComponent c : type.getRawClass().getRecordComponents()) {
            if (c.getType().isPrimitive() && !JsonLocator.present(text, pointer.appendProperty(c.getName()))) {
                return c.getName();
            }
        }
        return null;
    }

    private static String unknownType(InvalidTypeIdException t) {
        JavaType base = t.getBaseType();
        JsonSubTypes subtypes = base == null ? null : base.getRawClass().getAnnotation(JsonSubTypes.class);
        String allowed = subtypes == null ? "" : "; allowed: " + Arrays.stream(subtypes.value())
                .map(JsonSubTypes.Type::name).collect(Collectors.joining(", "));
        return t.getTypeId() == null
                ? "missing \"type\"" + allowed
                : "unknown type \"" + t.getTypeId() + "\"" + allowed;
    }

    static String describe(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == byte.class || type == Byte.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> spelling((Enum<?>) c))
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object (map)";
        }
        return "an object";
    }

    /** How a file spells an enum constant: its {@code @JsonProperty} name ("cancel-io"), else its lower-case name. */
    private static String spelling(Enum<?> constant) {
        try {
            JsonProperty p = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            if (p != null && !p.value().isEmpty()) {
                return p.value();
            }
        } catch (NoSuchFieldException e) {
            // an enum constant is always a public field of its class
        }
        return constant.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String sortedNames(Collection<Object> names) {
        return names == null ? "(none)" : names.stream().map(String::valueOf).sorted()
                .collect(Collectors.joining(", "));
    }

    static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                if (!s.isEmpty()) {
                    s.append('.');
                }
                s.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    private static String streamPath(JsonProcessingException e) {
        if (e instanceof StreamReadException r && r.getProcessor() != null) {
            String pointer = r.getProcessor().getParsingContext().pathAsPointer().toString();
            return ScenarioLoader.fieldOf(pointer);
        }
        return "";
    }

    /**
     * Jackson's message without its internals: the first line, no "[Source: ...]" or "(start marker at ...)"
     * references, no "(code 125)" character codes.
     */
    static String clean(String s) {
        String line = firstLine(s);
        line = line.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "");
        line = line.replaceAll("\\s*at \\[Source:[^\\]]*\\]", "");
        line = line.replaceAll("\\s*\\(code \\d+\\)", "");
        line = line.replaceAll("\\(('[^']*')\\)", "$1");
        return line.strip();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
