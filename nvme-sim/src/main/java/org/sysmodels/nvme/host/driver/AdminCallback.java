package org.sysmodels.nvme.host.driver;

import org.sysmodels.nvme.model.queue.Cqe;

/** What to do when an admin command completes (null entry: it was cancelled or timed out). */
@FunctionalInterface
interface AdminCallback {
    void done(Cqe cqe);
}
