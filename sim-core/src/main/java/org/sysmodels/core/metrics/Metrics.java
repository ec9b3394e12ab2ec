package org.sysmodels.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's named figures, in the order they were first registered: latency histograms, counters and derived values.
 * Models look a histogram up once at set-up and record into it directly on the hot path.
 */
public final class Metrics {

    private final Map<String, Object> byName = new LinkedHashMap<>();

    public LatencyHistogram latency(String name) {
        return typed(name, LatencyHistogram.class, () -> new LatencyHistogram(name));
    }

    public Counter counter(String name) {
        return typed(name, Counter.class, () -> new Counter(name));
    }

    /** Sets a derived value (replacing an earlier one of the same name). */
    public void value(String name, double value, String unit) {
        byName.put(name, new Metric.Value(name, value, unit));
    }

    public List<Metric> snapshot() {
        List<Metric> out = new ArrayList<>(byName.size());
        for (Object o : byName.values()) {
            out.add(switch (o) {
                case LatencyHistogram h -> new Metric.Latency(h.name(), h.summary());
                case Counter c -> new Metric.Count(c.name(), c.value());
                case Metric.Value v -> v;
                default -> throw new IllegalStateException("unexpected metric " + o);
            });
        }
        return out;
    }

    private <T> T typed(String name, Class<T> type, java.util.function.Supplier<T> create) {
        Object existing = byName.get(name);
        if (existing == null) {
            T made = create.get();
            byName.put(name, made);
            return made;
        }
        if (!type.isInstance(existing)) {
            throw new IllegalArgumentException("metric \"" + name + "\" is already a " + existing.getClass().getSimpleName());
        }
        return type.cast(existing);
    }
}
