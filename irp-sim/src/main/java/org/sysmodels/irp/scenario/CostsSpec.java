package org.sysmodels.irp.scenario;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.sysmodels.core.scenario.DurationDeserializer;
import org.sysmodels.core.scenario.Range;
import org.sysmodels.irp.model.ke.Costs;

/** Virtual time per routine (see {@link Costs}); each field defaults to {@link Costs#defaults()}. */
public record CostsSpec(
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e9) Long dispatch,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e9) Long completion,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e9) Long cancel,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e9) Long isr,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e9) Long dpc,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e9) Long workItem,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e9) Long apc,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e9) Long service) {

    public static final CostsSpec DEFAULT = new CostsSpec(null, null, null, null, null, null, null, null);

    public Costs costs() {
        Costs d = Costs.defaults();
        return new Costs(or(dispatch, d.dispatch()), or(completion, d.completion()), or(cancel, d.cancel()),
                or(isr, d.isr()), or(dpc, d.dpc()), or(workItem, d.workItem()), or(apc, d.apc()),
                or(service, d.service()));
    }

    private static long or(Long v, long d) {
        return v == null ? d : v;
    }
}
