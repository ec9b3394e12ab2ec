package org.sysmodels.nvme.scenario;

import java.util.List;
import org.sysmodels.core.fault.Fault;
import org.sysmodels.core.fault.FaultPlan;

/**
 * A whole run: mode, device, host, workload and faults. In a file every part is optional:
 * <pre>{@code
 * { "mode": "deterministic",
 *   "device": { "units": 8, "read": {"type": "lognormal", "median": "80us", "sigma": 0.3} },
 *   "host": { "queues": 4, "completion": "interrupt" },
 *   "workload": { "rw": "randrw", "bs": "4k", "iodepth": 16, "numjobs": 4, "ios": 20000, "rwmixread": 70 },
 *   "faults": [ {"kind": "unrecovered-read-error", "target": "ns1", "probability": 0.001} ] }
 * }</pre>
 */
public record NvmeScenario(Mode mode, DeviceSpec device, HostSpec host, WorkloadSpec workload, List<Fault> faults) {

    public static final NvmeScenario DEFAULT = new NvmeScenario(null, null, null, null, null);

    public NvmeScenario {
        mode = mode == null ? Mode.DETERMINISTIC : mode;
        device = device == null ? DeviceSpec.DEFAULT : device;
        host = host == null ? HostSpec.DEFAULT : host;
        workload = workload == null ? WorkloadSpec.DEFAULT : workload;
        FaultPlan.check(faults);
        faults = faults == null ? List.of() : List.copyOf(faults);
    }

    public FaultPlan faultPlan() {
        return new FaultPlan(faults);
    }

    public NvmeScenario withDevice(DeviceSpec d) {
        return new NvmeScenario(mode, d, host, workload, faults);
    }

    public NvmeScenario withHost(HostSpec h) {
        return new NvmeScenario(mode, device, h, workload, faults);
    }

    public NvmeScenario withWorkload(WorkloadSpec w) {
        return new NvmeScenario(mode, device, host, w, faults);
    }

    public NvmeScenario withMode(Mode m) {
        return new NvmeScenario(m, device, host, workload, faults);
    }

    public NvmeScenario withFaults(List<Fault> f) {
        return new NvmeScenario(mode, device, host, workload, f);
    }
}
