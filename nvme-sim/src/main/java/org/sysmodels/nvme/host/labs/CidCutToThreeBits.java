package org.sysmodels.nvme.host.labs;

import org.sysmodels.nvme.host.block.Request;
import org.sysmodels.nvme.host.driver.DriverConfig;
import org.sysmodels.nvme.host.driver.LinuxDriver;

/**
 * Bug lab {@code cid-reused}: the command identifier is cut to the low 3 bits of the blk-mq tag, so with more than
 * eight commands in flight two of them share a CID, which NVMe 1.4 §4.2 forbids among a queue's outstanding commands.
 */
public final class CidCutToThreeBits extends LinuxDriver {

    public CidCutToThreeBits(DriverConfig config) {
        super(config);
    }

    @Override
    public String name() {
        return "reference driver with bug cid-reused";
    }

    @Override
    protected int commandId(Request rq) {
        return rq.tag() & 7;
    }
}
