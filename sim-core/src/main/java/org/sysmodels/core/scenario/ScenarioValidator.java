package org.sysmodels.core.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sysmodels.core.time.SimTime;

/**
 * Walks a scenario's records after Jackson has built them and checks every {@link Range}. Each problem is reported as a
 * JSON pointer and a message, to be located in the file afterwards.
 */
final class ScenarioValidator {

    record Violation(JsonPointer pointer, String message) {
    }

    private ScenarioValidator() {
    }

    static void validate(Object value, JsonPointer at, List<Violation> out) {
        switch (value) {
            case null -> {
            }
            case Record r -> validateRecord(r, at, out);
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    validate(list.get(i), at.appendIndex(i), out);
                }
            }
            case Map<?, ?> map -> map.forEach((k, v) -> validate(v, at.appendProperty(String.valueOf(k)), out));
            case Optional<?> opt -> opt.ifPresent(v -> validate(v, at, out));
            default -> {
            }
        }
    }

    private static void validateRecord(Record r, JsonPointer at, List<Violation> out) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                java.lang.reflect.Method accessor = c.getAccessor();
                accessor.setAccessible(true);
                v = accessor.invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c, e);
            }
            JsonPointer field = at.appendProperty(jsonName(c));
            Range range = c.getAnnotation(Range.class);
            if (range != null && v instanceof Number n) {
                checkRange(n, range, field, isDuration(c), isSize(c), out);
            }
            validate(v, field, out);
        }
    }

    private static void checkRange(Number n, Range range, JsonPointer field, boolean duration, boolean size,
                                   List<Violation> out) {
        double d = n.doubleValue();
        if (d >= range.min() && d <= range.max() && !Double.isNaN(d)) {
            return;
        }
        out.add(new Violation(field, duration
                ? SimTime.formatExact(n.longValue()) + " is out of range; allowed: "
                        + describe(range, bound -> SimTime.formatExact((long) bound))
                : size ? Sizes.format(n.longValue()) + " is out of range; allowed: "
                        + describe(range, bound -> Sizes.format((long) bound))
                : n + " is out of range; allowed: " + describe(range)));
    }

    /** A field read by {@link SizeDeserializer}: its value and range are bytes, shown in units (4 KiB, 1 GiB). */
    private static boolean isSize(RecordComponent c) {
        JsonDeserialize d = c.getAccessor().getAnnotation(JsonDeserialize.class);
        return d != null && d.using() == SizeDeserializer.class;
    }

    /** A field read by {@link DurationDeserializer}: its value and range are nanoseconds, shown in units. */
    private static boolean isDuration(RecordComponent c) {
        JsonDeserialize d = c.getAccessor().getAnnotation(JsonDeserialize.class);
        return d != null && d.using() == DurationDeserializer.class;
    }

    static String describe(Range range) {
        return describe(range, ScenarioValidator::number);
    }

    /** "1 to 8", "at least 1", "at most 5", each bound written by {@code bound}. */
    private static String describe(Range range, java.util.function.DoubleFunction<String> bound) {
        boolean lo = range.min() != Double.NEGATIVE_INFINITY;
        boolean hi = range.max() != Double.POSITIVE_INFINITY;
        if (lo && hi) {
            return bound.apply(range.min()) + " to " + bound.apply(range.max());
        }
        return lo ? "at least " + bound.apply(range.min()) : "at most " + bound.apply(range.max());
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    static String jsonName(RecordComponent c) {
        JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
        return p != null && !p.value().isEmpty() ? p.value() : c.getName();
    }
}
