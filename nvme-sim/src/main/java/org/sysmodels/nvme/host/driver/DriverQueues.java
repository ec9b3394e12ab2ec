package org.sysmodels.nvme.host.driver;

import java.util.function.Consumer;
import org.sysmodels.nvme.host.platform.Platform;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.model.register.Cap;

/**
 * The driver's queue pairs, as Linux keeps them in {@code struct nvme_dev}: the admin queue, one I/O queue pair per
 * hardware context, the queue each MSI-X vector serves, and the PRP list pages of the commands in flight. Queue memory
 * is allocated once ({@code nvme_alloc_queue}) and reused after a reset, when each queue is set back to empty.
 */
final class DriverQueues {

    /** Makes the host side of an I/O queue pair (a bug lab may make a variant). */
    interface IoQueueFactory {
        QueuePair create(int qid, long sqBase, long cqBase, int entries, int dstrd, int vector);
    }

    private final Platform platform;
    private final DriverConfig config;
    private AdminQueue admin;
    private QueuePair[] io;
    private QueuePair[] byVector;
    private QueuePair ioOnAdminVector;
    private PrpLists prp;

    DriverQueues(Platform platform, DriverConfig config) {
        this.platform = platform;
        this.config = config;
    }

    /** Allocates the admin queue the first time, then empties it; {@code timedOut} hears an admin timeout. */
    AdminQueue setUpAdmin(Cap cap, Consumer<String> timedOut) {
        if (admin == null) {
            int entries = config.adminQueueEntries();
            long sq = platform.allocator().allocContiguous((long) entries * Sqe.BYTES);
            long cq = platform.allocator().allocContiguous((long) entries * Cqe.BYTES);
            QueuePair q = new QueuePair(0, sq, cq, entries, cap.dstrd(), 0, platform.memory(), platform.bar0());
            admin = new AdminQueue(q, platform, config.adminTimeout(), timedOut);
            byVector = new QueuePair[platform.vectors()];
            byVector[0] = q;
        }
        admin.queue.reset();
        return admin;
    }

    /** Allocates I/O queue pair {@code qid} of {@code count} the first time, then empties it. */
    QueuePair setUpIo(int qid, int count, Cap cap, IoQueueFactory factory) {
        int entries = Math.min(config.ioQueueEntries(), cap.mqes() + 1);
        if (io == null) {
            io = new QueuePair[count];
            prp = new PrpLists(platform.allocator(), platform.memory(), count);
        }
        int h = qid - 1;
        if (io[h] == null) {
            long sqBase = platform.allocator().allocContiguous((long) entries * Sqe.BYTES);
            long cqBase = platform.allocator().allocContiguous((long) entries * Cqe.BYTES);
            // Linux nvme_create_queue: vector = num_vecs == 1 ? 0 : qid (BringUp keeps qid below the vector count)
            int vector = config.polled() || platform.vectors() == 1 ? 0 : qid;
            io[h] = factory.create(qid, sqBase, cqBase, entries, cap.dstrd(), vector);
            prp.addQueue(h, Math.max(entries, config.tagDepth()));
            if (!config.polled()) {
                if (vector == 0) {
                    ioOnAdminVector = io[h];
                } else {
                    byVector[vector] = io[h];
                }
            }
        }
        io[h].reset();
        return io[h];
    }

    /** The I/O queue pairs by hardware context (qid - 1), null before the first is set up. */
    QueuePair[] io() {
        return io;
    }

    /** The queue MSI-X vector {@code v} serves, null if none (vector 0: the admin queue). */
    QueuePair byVector(int v) {
        return byVector == null ? null : byVector[v];
    }

    /**
     * The I/O queue that shares vector 0 with the admin queue when the device has a single MSI-X vector (Linux
     * requests that IRQ shared, and both handlers run), else null.
     */
    QueuePair ioOnAdminVector() {
        return ioOnAdminVector;
    }

    /** The PRP list pages, null before the first I/O queue is set up. */
    PrpLists prp() {
        return prp;
    }

    /** Doorbell writes to SQ tails so far (batching makes this fewer than commands). */
    long sqDoorbellWrites() {
        long n = 0;
        if (io != null) {
            for (QueuePair q : io) {
                n += q == null ? 0 : q.doorbellWrites;
            }
        }
        return n;
    }
}
