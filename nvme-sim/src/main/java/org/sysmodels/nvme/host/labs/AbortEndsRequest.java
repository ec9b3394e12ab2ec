package org.sysmodels.nvme.host.labs;

import java.util.Arrays;
import org.sysmodels.nvme.host.block.Request;
import org.sysmodels.nvme.host.driver.DriverConfig;
import org.sysmodels.nvme.host.driver.LinuxDriver;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * Bug lab {@code abort-completes-request}: when the Abort the timeout handler sent reports the command aborted, the
 * driver ends the request itself with Command Abort Requested. But the controller also completes the aborted command,
 * with that same status (NVMe 1.4 §5.1), so the request is completed twice. Linux leaves it to that CQE: its
 * {@code nvme_timeout} (drivers/nvme/host/pci.c) returns BLK_EH_RESET_TIMER because "the aborted req will be completed
 * on receiving the abort req", and {@code abort_endio} only logs the Abort's status.
 *
 * <p>Whichever of the two completions comes second is looked up the way Linux does: {@code blk_mq_tag_to_rq} returns the
 * request that last held the tag ({@code tags->rqs[tag]}), even after it ended, which is why {@code nvme_find_rq}
 * (drivers/nvme/host/nvme.h) checks a generation counter in the command identifier. The reference driver never gets a
 * CQE for an ended request, so it needs no such table.
 */
public final class AbortEndsRequest extends LinuxDriver {

    /** Per hardware queue, the request each tag was last given to (blk-mq's {@code tags->rqs}). */
    private Request[][] lastOwner = new Request[0][];

    public AbortEndsRequest(DriverConfig config) {
        super(config);
    }

    @Override
    public String name() {
        return "reference driver with bug abort-completes-request";
    }

    @Override
    protected void issued(Request rq) {
        if (rq.hctx() >= lastOwner.length) {
            lastOwner = Arrays.copyOf(lastOwner, rq.hctx() + 1);
        }
        Request[] owners = lastOwner[rq.hctx()];
        if (owners == null || rq.tag() >= owners.length) {
            owners = owners == null ? new Request[rq.tag() + 1] : Arrays.copyOf(owners, rq.tag() + 1);
            lastOwner[rq.hctx()] = owners;
        }
        owners[rq.tag()] = rq;
    }

    @Override
    protected void abortDone(Request rq, boolean aborted) {
        if (aborted) {
            blockLayer().complete(rq, Status.of(StatusCode.ABORT_REQUESTED)); // the bug: its own CQE ends it
        }
    }

    @Override
    public void completion(int qid, int cid, int status, int dw0, int sqhd) {
        Request ended = qid == 0 ? null : endedOwner(qid - 1, cid);
        if (ended != null) {
            blockLayer().complete(ended, status);
            return;
        }
        super.completion(qid, cid, status, dw0, sqhd);
    }

    /** The request that last held {@code tag} on {@code hctx} when that tag is free now, else null. */
    private Request endedOwner(int hctx, int tag) {
        if (hctx >= lastOwner.length || blockLayer().byTag(hctx, tag) != null) {
            return null;
        }
        Request[] owners = lastOwner[hctx];
        return owners == null || tag < 0 || tag >= owners.length ? null : owners[tag];
    }
}
