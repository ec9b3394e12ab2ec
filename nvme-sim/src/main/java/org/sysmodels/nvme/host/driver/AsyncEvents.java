package org.sysmodels.nvme.host.driver;

import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.queue.Cqe;

/**
 * The driver's Asynchronous Event Requests (NVMe Base 2.0 §5.2): one AER is kept outstanding on the admin queue. When
 * it completes, the event is reported, the Error Information log page is read (reading the log page is what clears an
 * event, §5.2) and a new AER is submitted, as Linux's {@code nvme_complete_async_event} re-arms through
 * {@code async_event_work} ({@code drivers/nvme/host/core.c}).
 */
final class AsyncEvents {

    private final LinuxDriver driver;

    AsyncEvents(LinuxDriver driver) {
        this.driver = driver;
    }

    void submit() {
        driver.admin.submit(s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0), this::completed, false);
    }

    private void completed(Cqe cqe) {
        if (cqe == null || driver.dead()) {
            return;
        }
        driver.observer().asyncEvent(cqe.dw0(), driver.platform().now());
        int page = driver.allocator().allocPage();
        long a = HostMemory.address(page, 0);
        driver.admin.submit(s -> s.command(Opcodes.GET_LOG_PAGE, 0).prp1(a).cdw(10, 0x01 | 15 << 16),
                log -> driver.allocator().freePage(page), true);
        submit();
    }
}
