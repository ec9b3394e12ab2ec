package org.sysmodels.core.fault;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;
import org.sysmodels.core.scenario.DurationDeserializer;

/**
 * One planned fault: what ({@code kind}, named by the model, e.g. "unrecovered-read-error"), where ({@code target}, a
 * component name or "*"), when (the window [from, until] of virtual time), how likely each time the model asks
 * ({@code probability}), and at most how many times ({@code count}, 0 = no limit). In a scenario file:
 * {@code {"kind": "i2c-nack", "target": "bme280", "from": "10ms", "probability": 0.1, "count": 3}}.
 */
public record Fault(
        String kind,
        String target,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0) Long from,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0) Long until,
        @Range(min = 0, max = 1) Double probability,
        @Range(min = 0) Long count) {

    public Fault {
        if (kind == null || kind.isBlank()) {
            throw new InvalidFieldException("kind", "required: the kind of fault to inject");
        }
        target = target == null ? "*" : target;
        from = from == null ? 0L : from;
        until = until == null ? Long.MAX_VALUE : until;
        probability = probability == null ? 1.0 : probability;
        count = count == null ? 0L : count;
        if (until < from) {
            throw new InvalidFieldException("until", "until (" + until + " ns) is before from (" + from + " ns)");
        }
    }

    /** A fault that fires once, at the first opportunity at or after {@code at}. */
    public static Fault once(String kind, String target, long at) {
        return new Fault(kind, target, at, null, 1.0, 1L);
    }

    boolean matches(String kind, String target, long now) {
        return this.kind.equals(kind) && ("*".equals(this.target) || this.target.equals(target))
                && now >= from && now <= until;
    }
}
