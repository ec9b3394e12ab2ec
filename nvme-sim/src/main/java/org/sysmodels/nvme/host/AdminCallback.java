package org.sysmodels.nvme.host;

import org.sysmodels.nvme.model.Cqe;

/** What to do when an admin command completes (null entry: it was cancelled or timed out). */
@FunctionalInterface
interface AdminCallback {
    void done(Cqe cqe);
}
