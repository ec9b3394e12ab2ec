package org.sysmodels.nvme.host.block;

/**
 * A hardware context (Linux {@code struct blk_mq_hw_ctx}): its tags, its dispatch list of requeued requests, the
 * software queues of the CPUs mapped to it, and how many requests wait in those lists.
 */
final class HardwareContext {
    final int index;
    final TagSet tags;
    final RequestQueue dispatch;
    final SoftwareContext[] ctxs;
    int nextCtx;
    /** Requests waiting for dispatch: the dispatch list plus the mapped CPUs' software queues. */
    int queued;
    boolean runScheduled;

    HardwareContext(int index, TagSet tags, RequestQueue dispatch, int cpus) {
        this.index = index;
        this.tags = tags;
        this.dispatch = dispatch;
        this.ctxs = new SoftwareContext[cpus];
    }

    /** The next non-empty software queue of this context's CPUs, in turn. */
    RequestQueue nextSoftware() {
        SoftwareContext[] mine = ctxs;
        if (mine.length == 1 && !mine[0].queue().isEmpty()) {
            return mine[0].queue();
        }
        int k = nextCtx;
        for (int i = 0; i < mine.length; i++) {
            RequestQueue q = mine[k].queue();
            k = k + 1 == mine.length ? 0 : k + 1;
            if (!q.isEmpty()) {
                nextCtx = k;
                return q;
            }
        }
        throw new IllegalStateException("hctx " + index + " counts queued requests but has none");
    }
}
