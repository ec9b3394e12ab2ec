package org.sysmodels.nvme.host.block;

/**
 * One hardware queue's tags (Linux {@code struct blk_mq_tags}): numbers 0 .. depth − 1, each owned by at most one
 * in-flight request, and the request that owns it. The NVMe driver uses the tag as the command identifier, which
 * is how Linux guarantees CIDs are unique among a queue's commands in flight.
 */
final class TagSet {

    private final int[] free;
    private int freeCount;
    private final Request[] owner;

    TagSet(int depth) {
        free = new int[depth];
        owner = new Request[depth];
        for (int t = 0; t < depth; t++) {
            free[t] = depth - 1 - t;
        }
        freeCount = depth;
    }

    int depth() {
        return owner.length;
    }

    int available() {
        return freeCount;
    }

    /** A free tag now owned by {@code rq}, or -1. */
    int take(Request rq) {
        if (freeCount == 0) {
            return -1;
        }
        int t = free[--freeCount];
        owner[t] = rq;
        return t;
    }

    void release(int tag) {
        if (owner[tag] != null) {
            owner[tag] = null;
            free[freeCount++] = tag;
        }
    }

    Request owner(int tag) {
        return tag >= 0 && tag < owner.length ? owner[tag] : null;
    }
}
