package org.sysmodels.nvme.scenario;

import java.util.List;
import org.sysmodels.core.fault.Fault;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Sizes;
import org.sysmodels.nvme.model.register.ControllerConfig;

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
        checkBlockSize(workload.bs(), device);
        FaultTargets.check(faults, device);
    }

    /**
     * The block size against the device: a whole number of namespace 1's LBAs (NLB counts LBAs), no larger than that
     * namespace, and at most the largest transfer MDTS allows (Identify Controller, MDTS: 2^MDTS minimum pages, 4 KiB
     * here; {@link ControllerConfig#maxTransferBytes(int, int)}). Thrown as {@code workload.bs}, so a file's message
     * points at the field and a flag's names {@code --bs}. An MDTS outside its range is left to the range check.
     */
    private static void checkBlockSize(long bs, DeviceSpec device) {
        NamespaceEntry ns = device.namespaces().get(0);
        if (bs % ns.lbaSize() != 0) {
            throw new InvalidFieldException("workload.bs", bs + " is not a multiple of the LBA size " + ns.lbaSize()
                    + " of namespace " + ns.nsid());
        }
        if (ns.capacity() < bs) {
            // fio, likewise, has no block of bs inside a device smaller than bs to give its job
            throw new InvalidFieldException("workload.bs", Sizes.format(bs) + " is larger than namespace "
                    + ns.nsid() + " (" + Sizes.format(ns.capacity()) + "): no I/O of that size fits in it");
        }
        int mdts = device.mdts();
        if (mdts >= 0 && mdts <= ControllerConfig.MAX_MDTS) {
            long max = ControllerConfig.maxTransferBytes(mdts, 0);
            if (bs > max) {
                throw new InvalidFieldException("workload.bs", Sizes.format(bs) + " exceeds the device's largest "
                        + "transfer (MDTS " + mdts + ": " + Sizes.format(max) + ")");
            }
        }
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
