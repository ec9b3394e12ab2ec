package org.sysmodels.nvme.model;

import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.media.ServiceModel;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.queue.SubmissionQueue;
import org.sysmodels.nvme.model.register.ControllerConfig;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sysmodels.nvme.host.platform.RawHost;

/** Create and Delete I/O CQ/SQ: every error case, and the order the checks are applied in (QEMU's). */
class QueueCommandsTest {

    private static int createCq(RawHost h, int qid, int qsize, long prp1, int flags) {
        Cqe c = h.admin(s -> s.command(Opcodes.CREATE_IO_CQ, 0).prp1(prp1).cdw(10, qid | qsize << 16).cdw(11, flags));
        return Status.code(c.status()) | (Status.dnr(c.status()) ? Status.DNR : 0);
    }

    private static int createSq(RawHost h, int qid, int qsize, long prp1, int cqid, int flags) {
        Cqe c = h.admin(s -> s.command(Opcodes.CREATE_IO_SQ, 0).prp1(prp1).cdw(10, qid | qsize << 16)
                .cdw(11, flags | cqid << 16));
        return Status.code(c.status()) | (Status.dnr(c.status()) ? Status.DNR : 0);
    }

    @Test
    void createCompletionQueueErrors() {
        RawHost h = Hosts.ready();
        long page = h.page();
        assertEquals(StatusCode.INVALID_QUEUE_IDENTIFIER.dnr(), createCq(h, 0, 15, page, 1), "QID 0 is the admin CQ");
        assertEquals(StatusCode.INVALID_QUEUE_IDENTIFIER.dnr(), createCq(h, 65, 15, page, 1), "above the maximum");
        assertEquals(StatusCode.INVALID_QUEUE_SIZE.dnr(), createCq(h, 1, 0, page, 1), "QSIZE 0: a one-entry queue");
        assertEquals(StatusCode.INVALID_QUEUE_SIZE.dnr(), createCq(h, 1, 1024, page, 1), "above CAP.MQES");
        assertEquals(StatusCode.INVALID_PRP_OFFSET.dnr(), createCq(h, 1, 15, page + 16, 1), "PRP1 not page aligned");
        assertEquals(StatusCode.INVALID_INTERRUPT_VECTOR.dnr(), createCq(h, 1, 15, page, 1 | 65 << 16),
                "vector beyond the MSI-X table");
        assertEquals(StatusCode.INVALID_FIELD.dnr(), createCq(h, 1, 15, page, 0), "PC = 0 while CAP.CQR = 1");
        assertEquals(Status.SUCCESS, createCq(h, 1, 1023, page, 1 | 2 | 64 << 16), "largest queue, last vector");
        assertEquals(StatusCode.INVALID_QUEUE_IDENTIFIER.dnr(), createCq(h, 1, 15, page, 1), "QID in use");
    }

    @Test
    void createCompletionQueueChecksInQemuOrder() {
        RawHost h = Hosts.ready();
        long page = h.page();
        // Everything wrong: the QID check wins; then size; then PRP; then vector; then PC.
        assertEquals(StatusCode.INVALID_QUEUE_IDENTIFIER.dnr(), createCq(h, 0, 0, page + 8, 99 << 16));
        assertEquals(StatusCode.INVALID_QUEUE_SIZE.dnr(), createCq(h, 1, 0, page + 8, 99 << 16));
        assertEquals(StatusCode.INVALID_PRP_OFFSET.dnr(), createCq(h, 1, 7, page + 8, 99 << 16));
        assertEquals(StatusCode.INVALID_INTERRUPT_VECTOR.dnr(), createCq(h, 1, 7, page, 99 << 16));
        assertEquals(StatusCode.INVALID_FIELD.dnr(), createCq(h, 1, 7, page, 0));
    }

    @Test
    void createSubmissionQueueErrorsInQemuOrder() {
        RawHost h = Hosts.ready();
        long page = h.page();
        assertEquals(Status.SUCCESS, createCq(h, 1, 15, h.page(), 1));
        assertEquals(StatusCode.INVALID_CQ.dnr(), createSq(h, 0, 0, page + 8, 0, 0), "CQID 0 first");
        assertEquals(StatusCode.INVALID_CQ.dnr(), createSq(h, 1, 15, page, 9, 1), "no CQ 9");
        assertEquals(StatusCode.INVALID_QUEUE_IDENTIFIER.dnr(), createSq(h, 0, 0, page + 8, 1, 0), "then SQID");
        assertEquals(StatusCode.INVALID_QUEUE_IDENTIFIER.dnr(), createSq(h, 65, 15, page, 1, 1), "above maximum");
        assertEquals(StatusCode.INVALID_QUEUE_SIZE.dnr(), createSq(h, 1, 0, page + 8, 1, 0), "then QSIZE");
        assertEquals(StatusCode.INVALID_QUEUE_SIZE.dnr(), createSq(h, 1, 1024, page, 1, 1));
        assertEquals(StatusCode.INVALID_PRP_OFFSET.dnr(), createSq(h, 1, 15, page + 8, 1, 0), "then PRP1");
        assertEquals(StatusCode.INVALID_FIELD.dnr(), createSq(h, 1, 15, page, 1, 0), "then PC");
        assertEquals(Status.SUCCESS, createSq(h, 1, 15, page, 1, 1 | SubmissionQueue.HIGH << 1));
        assertEquals(SubmissionQueue.HIGH, h.controller.submissionQueue(1).priority());
        assertEquals(StatusCode.INVALID_QUEUE_IDENTIFIER.dnr(), createSq(h, 1, 15, h.page(), 1, 1), "SQID in use");
        assertEquals(Status.SUCCESS, createSq(h, 2, 15, h.page(), 1, 1), "two SQs may share one CQ");
    }

    @Test
    void numberOfQueuesLimitsTheQueueIdentifiers() {
        RawHost h = Hosts.ready();
        Cqe set = h.admin(s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x07).cdw(11, 1 | 1 << 16));
        assertEquals(1 | 1 << 16, set.dw0(), "two SQs and two CQs allocated (0's based)");
        assertEquals(StatusCode.INVALID_QUEUE_IDENTIFIER.dnr(), createCq(h, 3, 15, h.page(), 1));
        assertEquals(Status.SUCCESS, createCq(h, 2, 15, h.page(), 1));
        Cqe again = h.admin(s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x07).cdw(11, 7 | 7 << 16));
        assertEquals(StatusCode.COMMAND_SEQUENCE_ERROR.dnr(), again.status(), "not after an I/O queue exists");
        Cqe bad = Hosts.ready().admin(s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x07).cdw(11, 0xffff));
        assertEquals(StatusCode.INVALID_FIELD.dnr(), bad.status(), "65,535 is not a valid request");
        Cqe many = Hosts.ready().admin(s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x07).cdw(11, 999 | 999 << 16));
        assertEquals(63 | 63 << 16, many.dw0(), "capped at what the controller has");
    }

    @Test
    void deleteQueues() {
        RawHost h = Hosts.withQueue(16);
        Cqe cqFirst = h.admin(s -> s.command(Opcodes.DELETE_IO_CQ, 0).cdw(10, 1));
        assertEquals(StatusCode.INVALID_QUEUE_DELETION.dnr(), cqFirst.status(), "an SQ still uses CQ 1");
        assertEquals(StatusCode.INVALID_QUEUE_IDENTIFIER.dnr(),
                h.admin(s -> s.command(Opcodes.DELETE_IO_SQ, 0).cdw(10, 0)).status(), "not the admin SQ");
        assertEquals(StatusCode.INVALID_QUEUE_IDENTIFIER.dnr(),
                h.admin(s -> s.command(Opcodes.DELETE_IO_SQ, 0).cdw(10, 5)).status(), "no SQ 5");
        assertTrue(h.admin(s -> s.command(Opcodes.DELETE_IO_SQ, 0).cdw(10, 1)).success());
        assertNull(h.controller.submissionQueue(1));
        assertNotNull(h.controller.completionQueue(1));
        assertTrue(h.admin(s -> s.command(Opcodes.DELETE_IO_CQ, 0).cdw(10, 1)).success());
        assertNull(h.controller.completionQueue(1));
        assertEquals(StatusCode.INVALID_QUEUE_IDENTIFIER.dnr(),
                h.admin(s -> s.command(Opcodes.DELETE_IO_CQ, 0).cdw(10, 1)).status(), "already gone");
    }

    @Test
    void deletingAnSqAbortsItsCommandsInside() {
        ControllerConfig slow = Hosts.instant().withService(new ServiceModel(1,
                new org.sysmodels.core.random.Distribution.Fixed(1_000_000), new org.sysmodels.core.random.Distribution
                .Fixed(0), new org.sysmodels.core.random.Distribution.Fixed(0),
                new org.sysmodels.core.random.Distribution.Fixed(0), new org.sysmodels.core.random.Distribution.Fixed(0),
                new org.sysmodels.core.random.Distribution.Fixed(0)));
        RawHost h = new RawHost(slow, 1);
        h.enable(32);
        h.createQueuePair(1, 8);
        long buf = h.page();
        h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf).cdw10_11(1));
        h.ringSq(1);
        h.advance(1000);
        assertTrue(h.admin(s -> s.command(Opcodes.DELETE_IO_SQ, 0).cdw(10, 1)).success());
        var got = h.reap(1);
        assertEquals(2, got.size());
        for (Cqe c : got) {
            assertEquals(StatusCode.ABORTED_SQ_DELETION.value(), Status.code(c.status()));
        }
    }
}
