package org.sysmodels.nvme.host.labs;

import org.sysmodels.nvme.host.block.Request;
import org.sysmodels.nvme.host.driver.DriverConfig;
import org.sysmodels.nvme.host.driver.LinuxDriver;

/**
 * Bug lab {@code buffer-freed-early}: the data buffer is given back to the allocator right after the SQE is written,
 * before the device has done its DMA (Linux unmaps in the completion path, {@code nvme_unmap_data}).
 */
public final class FreesBufferEarly extends LinuxDriver {

    public FreesBufferEarly(DriverConfig config) {
        super(config);
    }

    @Override
    public String name() {
        return "reference driver with bug buffer-freed-early";
    }

    @Override
    protected void issued(Request rq) {
        for (int i = 0; i < rq.pageCount(); i++) {
            platform().allocator().freePage(rq.pfn(i));
        }
    }
}
