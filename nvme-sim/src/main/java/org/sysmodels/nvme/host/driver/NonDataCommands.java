package org.sysmodels.nvme.host.driver;

import org.sysmodels.nvme.host.block.Request;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.queue.Sqe;

/**
 * The commands without a data buffer to map, as Linux {@code nvme_setup_cmd} builds them: Flush
 * ({@code nvme_setup_flush}), Write Zeroes ({@code nvme_setup_write_zeroes}) and discard as a Dataset Management
 * deallocate of one range kept in the request's buffer ({@code nvme_setup_discard}). Kept out of the Read/Write path.
 */
final class NonDataCommands {

    private NonDataCommands() {
    }

    /** Writes the request's SQE into {@code q} and advances its tail (the doorbell is the caller's). */
    static void push(QueuePair q, Request rq, int cid, HostMemory memory) {
        Sqe s = q.sqe.clear();
        switch (rq.op()) {
            case Request.FLUSH -> s.command(Opcodes.FLUSH, cid).nsid(rq.nsid());
            case Request.WRITE_ZEROES -> s.command(Opcodes.WRITE_ZEROES, cid).nsid(rq.nsid()).cdw10_11(rq.lba())
                    .cdw(12, rq.blocks() - 1);
            default -> {
                long a = rq.address(0);
                memory.write32(a, 0);
                memory.write32(a + 4, rq.blocks());
                memory.write64(a + 8, rq.lba());
                s.command(Opcodes.DATASET_MANAGEMENT, cid).nsid(rq.nsid()).prp1(a).cdw(10, 0).cdw(11, 1 << 2);
            }
        }
        q.push();
    }
}
