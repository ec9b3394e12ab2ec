package org.sysmodels.core.option;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values a user gave for a system's own flags, read back by their {@link OptionSpec}: {@code get(IODEPTH)} is
 * empty when the flag was not given, so the scenario's value applies.
 */
public final class Options {

    private static final Options NONE = new Options(Map.of());

    private final Map<String, Object> values;
    private final Map<String, String> texts;

    private Options(Map<String, Object> values) {
        this(values, Map.of());
    }

    private Options(Map<String, Object> values, Map<String, String> texts) {
        this.values = Map.copyOf(values);
        // Not Map.copyOf: its iteration order is unspecified (and varies between JVM runs); texts keep the order given.
        this.texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
    }

    public static Options none() {
        return NONE;
    }

    /**
     * Parses the text of each given flag with its spec.
     *
     * @param given flag name → its text as typed (for a flag without a value, any text, e.g. "true")
     * @throws OptionException for an unknown flag or a value its spec refuses
     */
    public static Options parse(List<OptionSpec<?>> specs, Map<String, String> given) throws OptionException {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            OptionSpec<?> spec = specs.stream().filter(s -> s.name().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new OptionException(e.getKey() + ": no such option"));
            values.put(spec.name(), spec.parse(e.getValue()));
            texts.put(spec.name(), e.getValue());
        }
        return new Options(values, texts);
    }

    /** A copy with one more value (for tests, tours and graders that set flags in code). */
    public <T> Options with(OptionSpec<T> spec, T value) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        v.put(spec.name(), value);
        Map<String, String> t = new LinkedHashMap<>(texts);
        t.put(spec.name(), String.valueOf(value));
        return new Options(v, t);
    }

    /** The value given for {@code spec}, or empty. */
    public <T> Optional<T> get(OptionSpec<T> spec) {
        Object v = values.get(spec.name());
        if (v == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        T t = (T) v;
        return Optional.of(t);
    }

    public <T> T getOr(OptionSpec<T> spec, T fallback) {
        return get(spec).orElse(fallback);
    }

    /** True when a flag without a value was given. */
    public boolean isSet(OptionSpec<Boolean> flag) {
        return get(flag).orElse(false);
    }

    public boolean has(OptionSpec<?> spec) {
        return values.containsKey(spec.name());
    }

    /** The flags given, as typed, in order ("--iodepth" → "8"), for reproduce lines and lab notes. */
    public Map<String, String> texts() {
        return texts;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
