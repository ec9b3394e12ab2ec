package org.sysmodels.nvme.model.command;

import static org.sysmodels.nvme.model.register.Bits.bit;
import static org.sysmodels.nvme.model.register.Bits.field;

import org.sysmodels.nvme.model.queue.CompletionQueue;
import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.model.queue.SubmissionQueue;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * Create and Delete I/O Completion and Submission Queues (NVMe 1.4 §5.3–5.6). The create checks run in QEMU's order
 * ({@code nvme_create_cq}, {@code nvme_create_sq}), each failing with Do Not Retry set:
 *
 * <p>Create I/O CQ — CDW10: QID [15:0], QSIZE [31:16] (0's based); CDW11: PC [0], IEN [1], IV [31:16]:
 * QID 0, above the allocated number or in use → Invalid Queue Identifier; QSIZE 0 or above CAP.MQES, or CC.IOCQES
 * not the entry size Identify CQES allows → Invalid Queue Size; PRP1 not page aligned → PRP Offset Invalid; IV not in the MSI-X table → Invalid Interrupt Vector; PC = 0 with
 * CAP.CQR = 1 → Invalid Field in Command.
 *
 * <p>Create I/O SQ — CDW10: QID, QSIZE; CDW11: PC [0], QPRIO [2:1], CQID [31:16]: CQID 0 or not an existing CQ →
 * Completion Queue Invalid; QID 0, above the allocated number or in use → Invalid Queue Identifier; QSIZE, or
 * CC.IOSQES not the size Identify SQES allows → Invalid Queue Size; PRP1 → PRP Offset Invalid; PC = 0 → Invalid
 * Field in Command.
 *
 * <p>CC.IOSQES and CC.IOCQES (§3.1.5) must lie between the required and the maximum sizes of Identify SQES and CQES
 * (here exactly 64 and 16 bytes). §3.1.5 gives the range but no failure for a value outside it; this model fails the
 * queue's creation with Invalid Queue Size, as Oxide's Propolis does for an unset IOCQES, since only then are the
 * sizes used. (QEMU and Linux's NVMe target refuse earlier, when CC.EN is set, with CSTS.CFS.)
 *
 * <p>Delete I/O CQ with an SQ still using it → Invalid Queue Deletion; deleting QID 0 or a queue that does not exist
 * → Invalid Queue Identifier.
 */
final class QueueCommands {

    private final Pipeline p;

    QueueCommands(Pipeline pipeline) {
        this.p = pipeline;
    }

    int createCompletionQueue(Sqe s) {
        int qid = field(s.cdw(10), 15, 0);
        int qsize = field(s.cdw(10), 31, 16);
        boolean contiguous = bit(s.cdw(11), 0);
        boolean interrupts = bit(s.cdw(11), 1);
        int vector = field(s.cdw(11), 31, 16);
        if (qid == 0 || qid > maxQueues(p.features.ncqa) || p.cq(qid) != null) {
            return StatusCode.INVALID_QUEUE_IDENTIFIER.dnr();
        }
        if (qsize == 0 || qsize > p.config.mqes() || p.ioCqEntrySize != IdentifyData.CQ_ENTRY_SIZE) {
            return StatusCode.INVALID_QUEUE_SIZE.dnr();
        }
        if ((s.prp1() & (p.pageSize - 1)) != 0) {
            return StatusCode.INVALID_PRP_OFFSET.dnr();
        }
        if (vector >= p.config.msixVectors()) {
            return StatusCode.INVALID_INTERRUPT_VECTOR.dnr();
        }
        if (!contiguous) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        p.addCompletionQueue(new CompletionQueue(qid, s.prp1(), qsize + 1, interrupts, vector));
        return Status.SUCCESS;
    }

    int createSubmissionQueue(Sqe s) {
        int qid = field(s.cdw(10), 15, 0);
        int qsize = field(s.cdw(10), 31, 16);
        boolean contiguous = bit(s.cdw(11), 0);
        int priority = field(s.cdw(11), 2, 1);
        int cqid = field(s.cdw(11), 31, 16);
        CompletionQueue cq = p.cq(cqid);
        if (cqid == 0 || cq == null) {
            return StatusCode.INVALID_CQ.dnr();
        }
        if (qid == 0 || qid > maxQueues(p.features.nsqa) || p.sq(qid) != null) {
            return StatusCode.INVALID_QUEUE_IDENTIFIER.dnr();
        }
        if (qsize == 0 || qsize > p.config.mqes() || p.ioSqEntrySize != IdentifyData.SQ_ENTRY_SIZE) {
            return StatusCode.INVALID_QUEUE_SIZE.dnr();
        }
        if ((s.prp1() & (p.pageSize - 1)) != 0) {
            return StatusCode.INVALID_PRP_OFFSET.dnr();
        }
        if (!contiguous) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        p.addSubmissionQueue(new SubmissionQueue(qid, s.prp1(), qsize + 1, priority, cq));
        return Status.SUCCESS;
    }

    int deleteSubmissionQueue(Sqe s) {
        int qid = field(s.cdw(10), 15, 0);
        SubmissionQueue sq = p.sq(qid);
        if (qid == 0 || sq == null) {
            return StatusCode.INVALID_QUEUE_IDENTIFIER.dnr();
        }
        p.removeSubmissionQueue(sq);
        return Status.SUCCESS;
    }

    int deleteCompletionQueue(Sqe s) {
        int qid = field(s.cdw(10), 15, 0);
        CompletionQueue cq = p.cq(qid);
        if (qid == 0 || cq == null) {
            return StatusCode.INVALID_QUEUE_IDENTIFIER.dnr();
        }
        if (cq.submissionQueues() > 0) {
            return StatusCode.INVALID_QUEUE_DELETION.dnr();
        }
        p.removeCompletionQueue(cq);
        return Status.SUCCESS;
    }

    boolean ioQueuesExist() {
        for (int q = 1; q <= p.maxQid(); q++) {
            if (p.sq(q) != null || p.cq(q) != null) {
                return true;
            }
        }
        return false;
    }

    /** The highest I/O QID allowed: what Number of Queues allocated (1's based), else the controller's maximum. */
    private int maxQueues(int allocatedZeroBased) {
        return allocatedZeroBased >= 0 ? allocatedZeroBased + 1 : p.config.maxIoQueuePairs();
    }
}
