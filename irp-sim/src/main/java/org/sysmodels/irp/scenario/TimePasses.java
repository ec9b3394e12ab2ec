package org.sysmodels.irp.scenario;

import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.irp.model.ke.Costs;

/**
 * A closed loop that only its duration ends needs virtual time to pass: with a think time that is always 0 and
 * requests that can finish in 0 ns (no system service, dispatch, completion or APC cost, and no transfer on a
 * controller that takes time), a thread issues its next request at the same instant for ever and the run never reaches
 * its duration. Such a scenario is refused with the workload at fault instead of hanging {@code sim}.
 */
final class TimePasses {

    private TimePasses() {
    }

    static void require(WorkloadSection w, DeviceSpec device, CostsSpec costs) {
        if (w.mode() != WorkloadSection.Mode.CLOSED || w.requests() > 0 || !alwaysZero(w.think())) {
            return;
        }
        Costs c = costs.costs();
        if (c.service() + c.dispatch() + c.completion() + c.apc() > 0) {
            return;
        }
        boolean transfers = w.mix().stream().anyMatch(e -> e.weight() > 0 && e.op() != MixEntry.OpName.IOCTL);
        if (device.hardware() && !alwaysZero(device.latency()) && transfers) {
            return;
        }
        throw new InvalidFieldException("workload", "no virtual time passes: the think time is always 0 and a request "
                + "can finish in 0 ns (service, dispatch, completion and apc costs are 0"
                + (device.hardware() && transfers ? " and so is the controller's latency)" : ")")
                + ", so a run that only its duration ends would never end; give a think time above 0, a cost above 0 "
                + "or a number of requests");
    }

    /** True if every sample of {@code d} is 0. */
    static boolean alwaysZero(Distribution d) {
        return switch (d) {
            case Distribution.Fixed f -> f.value() == 0;
            case Distribution.Uniform u -> u.max() == 0;
            case Distribution.Exponential e -> e.mean() == 0;
            case Distribution.Normal n -> n.mean() == 0 && n.stdDev() == 0;
            case Distribution.LogNormal l -> false;
        };
    }
}
