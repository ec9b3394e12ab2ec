package org.sysmodels.irp.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.scenario.Range;
import org.sysmodels.irp.host.workload.CancelPlan;

/**
 * Cancellations: each request is cancelled with {@code probability}, {@code after} its issue, by {@code kind}:
 * {@code cancel-io} (CancelIoEx: IoCancelIrp), {@code thread-exit} (IoCancelThreadIo) or {@code close-handle}
 * (IRP_MJ_CLEANUP). Default: none.
 */
public record CancellationSpec(@Range(min = 0, max = 1) Double probability, Distribution after, Kind kind) {

    /** The ways to cancel, as scenario files name them. */
    public enum Kind {
        @JsonProperty("cancel-io") CANCEL_IO,
        @JsonProperty("thread-exit") THREAD_EXIT,
        @JsonProperty("close-handle") CLOSE_HANDLE
    }

    public static final CancellationSpec NONE = new CancellationSpec(null, null, null);

    public CancellationSpec {
        probability = probability == null ? 0.0 : probability;
        after = after == null ? new Distribution.Uniform(0, 40_000) : after;
        kind = kind == null ? Kind.CANCEL_IO : kind;
    }

    public CancelPlan plan() {
        return new CancelPlan(probability, after, switch (kind) {
            case CANCEL_IO -> CancelPlan.Kind.CANCEL_IO;
            case THREAD_EXIT -> CancelPlan.Kind.THREAD_EXIT;
            case CLOSE_HANDLE -> CancelPlan.Kind.CLOSE_HANDLE;
        });
    }
}
