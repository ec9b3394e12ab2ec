package org.sysmodels.nvme.host.labs;

import org.sysmodels.nvme.host.driver.DriverConfig;
import org.sysmodels.nvme.host.driver.LinuxDriver;
import org.sysmodels.nvme.host.driver.QueuePair;

/**
 * Bug lab {@code sq-tail-past-head}: the submission queue's full test forgets that one slot must stay empty (NVMe 1.4
 * §4.1.2: full is (tail + 1) mod size == head), so the driver fills every slot and its tail lands on the head, over
 * commands the controller has not fetched yet.
 */
public final class TailPastHead extends LinuxDriver {

    public TailPastHead(DriverConfig config) {
        super(config);
    }

    @Override
    public String name() {
        return "reference driver with bug sq-tail-past-head";
    }

    @Override
    protected QueuePair newIoQueuePair(int qid, long sqBase, long cqBase, int entries, int dstrd, int vector) {
        return new QueuePair(qid, sqBase, cqBase, entries, dstrd, vector, platform().memory(), platform().bar0()) {
            @Override
            protected boolean sqFull() {
                return sqUsed() >= entries(); // the bug: entries − 1 is the most an SQ holds
            }
        };
    }
}
