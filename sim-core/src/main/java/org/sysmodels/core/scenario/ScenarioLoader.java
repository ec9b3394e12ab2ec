package org.sysmodels.core.scenario;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sysmodels.core.input.UserInputException;

/**
 * Reads scenario files (JSON, {@code //} comments allowed) into records, strictly: unknown fields, wrong types, numbers
 * with a fraction where an integer is wanted, strings where a number is wanted, and values outside a {@link Range} are
 * all errors, each reported as {@code file:line:column: field.path: message}.
 */
public final class ScenarioLoader {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** The largest scenario file read: scenarios are hand-written; 4 MiB is far beyond any of them. */
    public static final long MAX_FILE_BYTES = 4L << 20;

    private static final Pattern FIELD_STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private ScenarioLoader() {
    }

    /** Reads a scenario file. @throws UserInputException if it cannot be read or a {@link ScenarioException} */
    public static <T> T load(Path file, Class<T> type) throws UserInputException {
        return read(file.toString(), text(file), type);
    }

    /**
     * A scenario file's text: UTF-8, with a byte order mark accepted (Windows editors write one). A directory, a
     * missing file, text that is not UTF-8 and an oversized file are each a clear error.
     */
    public static String text(Path file) throws UserInputException {
        if (Files.isDirectory(file)) {
            throw new UserInputException(file + ": is a directory, not a scenario file");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new UserInputException(file + ": is " + Sizes.format(size) + "; a scenario file may be at most "
                        + Sizes.format(MAX_FILE_BYTES));
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such scenario file");
        } catch (CharacterCodingException e) {
            throw new UserInputException(file + ": not UTF-8 text (save the file as UTF-8)");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** Reads one of the scenarios packaged with a model, e.g. {@code /org/sysmodels/nvme/scenario/demo.json}. */
    public static <T> T loadResource(String resource, Class<T> type) throws UserInputException {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("packaged scenario missing: " + resource);
            }
            return read(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read packaged scenario " + resource, e);
        }
    }

    /** Reads scenario text; {@code source} names it in messages (a file path). */
    public static <T> T read(String source, String text, Class<T> type) throws ScenarioException {
        T value;
        try {
            value = MAPPER.readValue(text, type);
        } catch (ValueInstantiationException e) {
            // a record's constructor refused what it was given; a misspelt field may be why, so that comes first
            throw new ScenarioException(List.of(unknownField(source, text, type)
                    .orElseGet(() -> JacksonProblems.from(source, text, e))));
        } catch (JsonProcessingException e) {
            throw new ScenarioException(List.of(JacksonProblems.from(source, text, e)));
        }
        if (value == null) {
            throw new ScenarioException(List.of(new Problem(source, 1, 1, "", "the file is empty or null; expected "
                    + JacksonProblems.describe(type))));
        }
        JsonPointer explicitNull = firstNull(text);
        if (explicitNull != null) {
            int[] at = JsonLocator.locate(text, explicitNull);
            String field = fieldOf(explicitNull.toString());
            throw new ScenarioException(List.of(new Problem(source, at[0], at[1], field, field.endsWith("]")
                    ? "null; give a value" : "null; give a value, or leave the field out for its default")));
        }
        List<ScenarioValidator.Violation> violations = new ArrayList<>();
        ScenarioValidator.validate(value, JsonPointer.empty(), violations);
        if (!violations.isEmpty()) {
            List<Problem> problems = new ArrayList<>();
            for (ScenarioValidator.Violation v : violations) {
                int[] at = JsonLocator.locate(text, v.pointer());
                problems.add(new Problem(source, at[0], at[1], fieldOf(v.pointer().toString()), v.message()));
            }
            throw new ScenarioException(problems);
        }
        return value;
    }

    /** The first field the text gives that its record has not, as a problem, if there is one. */
    private static Optional<Problem> unknownField(String source, String text, Class<?> type) {
        try {
            return UnknownFields.first(MAPPER, MAPPER.readTree(text), MAPPER.constructType(type)).map(u -> {
                int[] at = JsonLocator.locate(text, u.at());
                return new Problem(source, at[0], at[1], fieldOf(u.at().toString()), "unknown field \"" + u.name()
                        + "\"; known fields: " + u.known());
            });
        } catch (JsonProcessingException e) {
            return Optional.empty();    // the binding read the same text, so this does not happen
        }
    }

    /**
     * Where the text first writes {@code null}, or null if nowhere: a field written as null would otherwise silently
     * take its default, as if left out (Jackson cannot tell the two apart once a record is built).
     */
    private static JsonPointer firstNull(String text) {
        try {
            return firstNull(MAPPER.readTree(text), JsonPointer.empty());
        } catch (JsonProcessingException e) {
            return null;    // the binding above already read the same text
        }
    }

    private static JsonPointer firstNull(JsonNode node, JsonPointer at) {
        if (node.isNull()) {
            return at;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonPointer found = firstNull(node.get(i), at.appendIndex(i));
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonPointer found = firstNull(field.getValue(), at.appendProperty(field.getKey()));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Checks the {@link Range}s of a scenario whose fields came from command-line flags named after them in kebab case
     * ({@code meanService} ← {@code --mean-service}); a problem reads "--mean-service: 0 is out of range; ...".
     */
    public static void checkFlags(Object scenario) throws UserInputException {
        List<ScenarioValidator.Violation> violations = new ArrayList<>();
        ScenarioValidator.validate(scenario, JsonPointer.empty(), violations);
        if (!violations.isEmpty()) {
            ScenarioValidator.Violation v = violations.get(0);
            throw new UserInputException("--" + kebab(fieldOf(v.pointer().toString())) + ": " + v.message());
        }
    }

    private static String kebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** "/faults/2/probability" → "faults[2].probability". */
    static String fieldOf(String pointer) {
        StringBuilder s = new StringBuilder();
        for (String step : pointer.split("/")) {
            if (step.isEmpty()) {
                continue;
            }
            if (step.chars().allMatch(Character::isDigit)) {
                s.append('[').append(step).append(']');
            } else {
                if (!s.isEmpty()) {
                    s.append('.');
                }
                s.append(step.replace("~1", "/").replace("~0", "~"));
            }
        }
        return s.toString();
    }

    /** "faults[2].probability" → "/faults/2/probability". */
    static JsonPointer pointerOf(String field) {
        JsonPointer p = JsonPointer.empty();
        Matcher m = FIELD_STEP.matcher(field);
        while (m.find()) {
            p = m.group(1) != null ? p.appendProperty(m.group(1)) : p.appendIndex(Integer.parseInt(m.group(2)));
        }
        return p;
    }
}
