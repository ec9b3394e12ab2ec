package org.sysmodels.irp.scenario;

import org.sysmodels.core.scenario.Range;

/**
 * A run of the I/O manager: the machine (processors), the device stack, the controller behind it, the user threads'
 * workload, cancellations, and the routine costs. Every section is optional and has defaults: {@code {}} is a valid
 * scenario (4 processors, a RAM disk with a controller, 4 threads of mixed reads, writes and IOCTLs).
 */
public record IrpScenario(String description, @Range(min = 1, max = 64) Integer processors, StackSpec stack,
                          DeviceSpec device, WorkloadSection workload, CancellationSpec cancellation,
                          CostsSpec costs) {

    public IrpScenario {
        description = description == null ? "" : description;
        processors = processors == null ? 4 : processors;
        stack = stack == null ? StackSpec.DEFAULT : stack;
        device = device == null ? DeviceSpec.DEFAULT : device;
        workload = workload == null ? WorkloadSection.DEFAULT : workload;
        cancellation = cancellation == null ? CancellationSpec.NONE : cancellation;
        costs = costs == null ? CostsSpec.DEFAULT : costs;
        TimePasses.require(workload, device, costs);
    }

    /** The same scenario described as {@code d} (the run's summary prints it). */
    public IrpScenario withDescription(String d) {
        return new IrpScenario(d, processors, stack, device, workload, cancellation, costs);
    }

    public IrpScenario withProcessors(int n) {
        return new IrpScenario(description, n, stack, device, workload, cancellation, costs);
    }

    public IrpScenario withStack(StackSpec s) {
        return new IrpScenario(description, processors, s, device, workload, cancellation, costs);
    }

    public IrpScenario withDevice(DeviceSpec d) {
        return new IrpScenario(description, processors, stack, d, workload, cancellation, costs);
    }

    public IrpScenario withWorkload(WorkloadSection w) {
        return new IrpScenario(description, processors, stack, device, w, cancellation, costs);
    }

    public IrpScenario withCancellation(CancellationSpec c) {
        return new IrpScenario(description, processors, stack, device, workload, c, costs);
    }

    public IrpScenario withCosts(CostsSpec c) {
        return new IrpScenario(description, processors, stack, device, workload, cancellation, c);
    }
}
