package org.sysmodels.nvme.host.labs;

import org.sysmodels.nvme.host.driver.DriverConfig;
import org.sysmodels.nvme.host.driver.LinuxDriver;
import org.sysmodels.nvme.host.driver.QueuePair;

/**
 * Bug lab {@code phase-not-flipped}: the I/O completion queues' reader never inverts its expected phase tag when its
 * head wraps (the step Linux does in {@code nvme_update_cq_head}). After the first pass every stale entry still
 * carries the old phase, so the driver takes it as new.
 */
public final class PhaseNotFlipped extends LinuxDriver {

    public PhaseNotFlipped(DriverConfig config) {
        super(config);
    }

    @Override
    public String name() {
        return "reference driver with bug phase-not-flipped";
    }

    @Override
    protected QueuePair newIoQueuePair(int qid, long sqBase, long cqBase, int entries, int dstrd, int vector) {
        return new QueuePair(qid, sqBase, cqBase, entries, dstrd, vector, platform().memory(), platform().bar0()) {
            @Override
            protected void cqHeadWrapped() {
                // The bug: the expected phase stays as it was.
            }
        };
    }
}
