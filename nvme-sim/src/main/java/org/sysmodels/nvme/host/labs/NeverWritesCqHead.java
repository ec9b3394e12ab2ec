package org.sysmodels.nvme.host.labs;

import org.sysmodels.nvme.host.driver.DriverConfig;
import org.sysmodels.nvme.host.driver.LinuxDriver;
import org.sysmodels.nvme.host.driver.QueuePair;

/**
 * Bug lab {@code cq-head-never-written}: the I/O completion handler reads new entries but never writes the CQ head
 * doorbell, so the controller never learns that slots are free: once the CQ is full it holds every completion and the
 * device stalls (NVMe 1.4 §4.1: the controller does not overwrite entries the host has not released).
 */
public final class NeverWritesCqHead extends LinuxDriver {

    public NeverWritesCqHead(DriverConfig config) {
        super(config);
    }

    @Override
    public String name() {
        return "reference driver with bug cq-head-never-written";
    }

    @Override
    protected QueuePair newIoQueuePair(int qid, long sqBase, long cqBase, int entries, int dstrd, int vector) {
        return new QueuePair(qid, sqBase, cqBase, entries, dstrd, vector, platform().memory(), platform().bar0()) {
            @Override
            protected void writeCqHeadDoorbell() {
                // The bug: the head doorbell is never written.
            }
        };
    }
}
