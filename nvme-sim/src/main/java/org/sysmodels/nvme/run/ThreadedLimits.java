package org.sysmodels.nvme.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.scenario.DeviceSpec;
import org.sysmodels.nvme.scenario.HostSpec;
import org.sysmodels.nvme.scenario.Mode;
import org.sysmodels.nvme.scenario.NvmeScenario;
import org.sysmodels.nvme.scenario.WorkloadSpec;

/**
 * What {@code --mode threaded} cannot honour, refused rather than ignored. Its device is instant (the service model
 * needs the scheduler) and its host polls, and the scheduler's clock stands still while the two threads run
 * ({@link ThreadedRun}); so a run length in virtual time, a rate, faults, and every latency or timing setting of the
 * device or the host would silently do nothing. Its host ({@code ThreadedHost}) gives each command one page-aligned
 * page over the whole namespace: larger blocks would send the device to address 0 through an empty PRP2, and a buffer
 * offset or a region size would be dropped. A setting counts as given when it differs from the default a scenario
 * without it gets.
 */
final class ThreadedLimits {

    private ThreadedLimits() {
    }

    /** Throws a usage error naming the first setting (its flag, where one exists) a threaded run would ignore. */
    static void check(NvmeScenario s) throws UserInputException {
        if (s.mode() != Mode.THREADED) {
            return;
        }
        if (s.workload().rate() > 0) {
            throw new UserInputException("--mode threaded runs closed-loop only; remove workload.rate");
        }
        if (!s.faults().isEmpty()) {
            throw new UserInputException("--mode threaded injects no faults (its device is instant and virtual time "
                    + "stands still while the threads run); remove the scenario's faults, or run it deterministic");
        }
        if (s.workload().runtime() > 0) {
            throw new UserInputException("--runtime (workload.runtime): --mode threaded counts I/Os, not virtual "
                    + "time, which stands still while the threads run; give --ios instead, or run deterministic");
        }
        WorkloadSpec w = s.workload();
        if (w.bs() > HostMemory.PAGE_SIZE) {
            throw new UserInputException("--bs: --mode threaded gives each command one " + HostMemory.PAGE_SIZE
                    + "-byte page (PRP1 alone), so at most " + HostMemory.PAGE_SIZE + " bytes, got " + w.bs()
                    + "; run larger blocks deterministic");
        }
        if (w.bufferOffset() != 0 || w.size() != 0) {
            throw new UserInputException((w.bufferOffset() != 0 ? "--buffer-offset (workload.bufferOffset)"
                    : "workload.size") + ": --mode threaded does not honour it (page-aligned buffers over the whole "
                    + "namespace); remove it, or run deterministic");
        }
        for (Map.Entry<String, Boolean> e : ignoredTimings(s.device(), s.host()).entrySet()) {
            if (e.getValue()) {
                throw new UserInputException(e.getKey() + ": --mode threaded does not honour it (its device is "
                        + "instant and its host polls, and virtual time stands still while the threads run); remove "
                        + "it, or run deterministic");
            }
        }
    }

    /** Each timing setting threaded mode replaces, by its flag or scenario field, and whether it was given. */
    private static Map<String, Boolean> ignoredTimings(DeviceSpec d, HostSpec h) {
        DeviceSpec dd = DeviceSpec.DEFAULT;
        HostSpec hd = HostSpec.DEFAULT;
        Map<String, Boolean> given = new LinkedHashMap<>();
        given.put("--units (device.units)", !d.units().equals(dd.units()));
        given.put("device.read", !d.read().equals(dd.read()));
        given.put("device.write", !d.write().equals(dd.write()));
        given.put("device.flush", !d.flush().equals(dd.flush()));
        given.put("device.writeZeroes", !d.writeZeroes().equals(dd.writeZeroes()));
        given.put("device.datasetManagement", !d.datasetManagement().equals(dd.datasetManagement()));
        given.put("device.admin", !d.admin().equals(dd.admin()));
        given.put("device.fetchLatency", !d.fetchLatency().equals(dd.fetchLatency()));
        given.put("device.bandwidth", !d.bandwidth().equals(dd.bandwidth()));
        given.put("device.readyLatency", !d.readyLatency().equals(dd.readyLatency()));
        given.put("device.resetLatency", !d.resetLatency().equals(dd.resetLatency()));
        given.put("device.shutdownLatency", !d.shutdownLatency().equals(dd.shutdownLatency()));
        given.put("host.interruptLatency", !h.interruptLatency().equals(hd.interruptLatency()));
        given.put("host.pollInterval", !h.pollInterval().equals(hd.pollInterval()));
        given.put("host.coalesceThreshold", !Objects.equals(h.coalesceThreshold(), hd.coalesceThreshold()));
        given.put("host.coalesceTime", !h.coalesceTime().equals(hd.coalesceTime()));
        return given;
    }
}
