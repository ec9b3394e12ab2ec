package org.sysmodels.nvme.check;

import org.sysmodels.core.check.Check;
import org.sysmodels.nvme.host.block.CompletionObserver;
import org.sysmodels.nvme.host.driver.DriverObserver;
import org.sysmodels.nvme.host.driver.ThreadedObserver;
import org.sysmodels.nvme.host.platform.AllocatorObserver;
import org.sysmodels.nvme.host.workload.IoObserver;
import org.sysmodels.nvme.model.command.ControllerObserver;
import org.sysmodels.nvme.model.memory.DmaObserver;

/**
 * A run-time rule of nvme-sim: one class per rule, seeing the events it needs from the controller, host memory, the
 * DMA allocator, blk-mq, the workload, the reference driver and the threaded host (every method has a no-op
 * default). {@link NvmeChecks} hands each event only to the checks that override its method.
 */
public interface NvmeCheck extends Check, ControllerObserver, DmaObserver, AllocatorObserver, CompletionObserver,
        IoObserver, DriverObserver, ThreadedObserver {

    /** The device could not be brought up, or the driver gave it up (blk-mq's {@code failed}). */
    default void deviceFailed(String reason, long now) {
    }
}
