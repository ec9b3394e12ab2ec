package org.sysmodels.nvme.model;

import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.media.NamespaceSpec;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.queue.Ring;
import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.model.register.ControllerConfig;
import org.sysmodels.nvme.model.register.Registers;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.testing.Props;
import org.sysmodels.nvme.host.platform.RawHost;

/**
 * Model-based test of the controller: random sequences of admin commands (create and delete queues, Number of
 * Queues) and I/O commands (write, read, write zeroes, deallocate, flush, a bad opcode) go to the real controller
 * through its registers and rings, and to a reference that is only queue bookkeeping and an LBA → data map. Every
 * status code, every queue and every byte read must agree; QuickTheories shrinks a failure to a minimal sequence.
 */
class ControllerModelTest {

    static final int MAX_QUEUES = 4;
    static final int BLOCKS = 64;

    sealed interface Cmd {
        record CreateCq(int qid, int qsize, boolean aligned, int vector, boolean contiguous) implements Cmd {
        }

        record CreateSq(int qid, int cqid, int qsize, boolean aligned, boolean contiguous) implements Cmd {
        }

        record DeleteSq(int qid) implements Cmd {
        }

        record DeleteCq(int qid) implements Cmd {
        }

        record SetQueues(int n) implements Cmd {
        }

        record Io(int kind, int sqid, long lba, int nlb0, int seed) implements Cmd {
        }
    }

    /**
     * Mostly valid commands on few, small queues, so sequences get deep (queues wrap, SQs share CQs), with invalid
     * fields often enough to reach every error path.
     */
    static Gen<Cmd> commands() {
        Gen<Integer> qid = integers().between(0, 9).map(k -> k == 0 ? 0 : k == 9 ? MAX_QUEUES + 1 : 1 + k % 2);
        Gen<Integer> size = integers().between(0, 9).map(k -> k == 0 ? 0 : 1 + k % 4);
        Gen<Integer> bad = integers().between(0, 15);
        Gen<Cmd> createCq = qid.zip(size, bad, (q, s, b) -> (Cmd) new Cmd.CreateCq(q, s, b != 1, b == 2 ? 9 : q,
                b != 3));
        Gen<Cmd> createSq = qid.zip(qid, size, bad, (q, c, s, b) -> (Cmd) new Cmd.CreateSq(q, b == 4 ? 3 : c, s,
                b != 1, b != 3));
        Gen<Cmd> deleteSq = qid.map(q -> (Cmd) new Cmd.DeleteSq(q));
        Gen<Cmd> deleteCq = qid.map(q -> (Cmd) new Cmd.DeleteCq(q));
        Gen<Cmd> setQueues = integers().between(0, 5).map(n -> (Cmd) new Cmd.SetQueues(n));
        Gen<Cmd> io = integers().between(0, 5).zip(integers().between(1, 2), integers().between(0, BLOCKS + 3),
                integers().between(0, 3), (k, q, l, n) -> (Cmd) new Cmd.Io(k, q, l, n, (k * 31 + l * 7 + n) & 0xff));
        return integers().between(0, 19).flatMap(k -> k < 3 ? createCq : k < 6 ? createSq : k == 6 ? deleteSq
                : k == 7 ? deleteCq : k == 8 ? setQueues : io);
    }

    @Test
    void controllerAgreesWithTheReference() {
        Props.property(200).forAll(lists().of(commands()).ofSizeBetween(1, 60)).checkAssert(ControllerModelTest::run);
    }

    /** The reference: which queues exist, what Number of Queues allocated, what each LBA holds. */
    static final class Reference {
        final Map<Integer, Integer> cqSize = new HashMap<>();
        final Map<Integer, Integer> sqCount = new HashMap<>();
        final Map<Integer, Integer> sqToCq = new HashMap<>();
        int allocated = -1;
        final int[] tag = new int[BLOCKS];

        int limit() {
            return allocated >= 0 ? allocated + 1 : MAX_QUEUES;
        }

        boolean ioQueues() {
            return !cqSize.isEmpty() || !sqToCq.isEmpty();
        }
    }

    /** The host side of one queue this test created. */
    static final class HostRing {
        final long base;
        final int size;
        int index;
        int phase = 1;

        HostRing(long base, int size) {
            this.base = base;
            this.size = size;
        }
    }

    static void run(List<Cmd> cmds) {
        ControllerConfig config = Hosts.instant().toBuilder().maxIoQueuePairs(MAX_QUEUES).msixVectors(MAX_QUEUES + 1)
                .deviceQueueDepth(64).namespaces(List.of(new NamespaceSpec(1, 4096, BLOCKS))).build();
        RawHost h = new RawHost(config, 7);
        h.enable(64);
        Reference ref = new Reference();
        Map<Integer, HostRing> sqs = new HashMap<>();
        Map<Integer, HostRing> cqs = new HashMap<>();
        int step = 0;
        for (Cmd c : cmds) {
            String where = "step " + step++ + " " + c;
            switch (c) {
                case Cmd.CreateCq cc -> {
                    long base = h.allocator.allocContiguous(4096) + (cc.aligned() ? 0 : 64);
                    int expected = cc.qid() == 0 || cc.qid() > ref.limit() || ref.cqSize.containsKey(cc.qid())
                            ? StatusCode.INVALID_QUEUE_IDENTIFIER.dnr()
                            : cc.qsize() == 0 ? StatusCode.INVALID_QUEUE_SIZE.dnr()
                            : !cc.aligned() ? StatusCode.INVALID_PRP_OFFSET.dnr()
                            : cc.vector() >= MAX_QUEUES + 1 ? StatusCode.INVALID_INTERRUPT_VECTOR.dnr()
                            : !cc.contiguous() ? StatusCode.INVALID_FIELD.dnr() : Status.SUCCESS;
                    int flags = (cc.contiguous() ? 1 : 0) | cc.vector() << 16;
                    Cqe e = h.admin(s -> s.command(Opcodes.CREATE_IO_CQ, 0).prp1(base)
                            .cdw(10, cc.qid() | cc.qsize() << 16).cdw(11, flags));
                    assertEquals(Status.describe(expected), Status.describe(e.status()), where);
                    if (expected == Status.SUCCESS) {
                        ref.cqSize.put(cc.qid(), cc.qsize() + 1);
                        ref.sqCount.put(cc.qid(), 0);
                        cqs.put(cc.qid(), new HostRing(base, cc.qsize() + 1));
                    }
                }
                case Cmd.CreateSq cs -> {
                    long base = h.allocator.allocContiguous(4096) + (cs.aligned() ? 0 : 64);
                    int expected = cs.cqid() == 0 || !ref.cqSize.containsKey(cs.cqid()) ? StatusCode.INVALID_CQ.dnr()
                            : cs.qid() == 0 || cs.qid() > ref.limit() || ref.sqToCq.containsKey(cs.qid())
                            ? StatusCode.INVALID_QUEUE_IDENTIFIER.dnr()
                            : cs.qsize() == 0 ? StatusCode.INVALID_QUEUE_SIZE.dnr()
                            : !cs.aligned() ? StatusCode.INVALID_PRP_OFFSET.dnr()
                            : !cs.contiguous() ? StatusCode.INVALID_FIELD.dnr() : Status.SUCCESS;
                    Cqe e = h.admin(s -> s.command(Opcodes.CREATE_IO_SQ, 0).prp1(base)
                            .cdw(10, cs.qid() | cs.qsize() << 16).cdw(11, (cs.contiguous() ? 1 : 0) | cs.cqid() << 16));
                    assertEquals(Status.describe(expected), Status.describe(e.status()), where);
                    if (expected == Status.SUCCESS) {
                        ref.sqToCq.put(cs.qid(), cs.cqid());
                        ref.sqCount.merge(cs.cqid(), 1, Integer::sum);
                        sqs.put(cs.qid(), new HostRing(base, cs.qsize() + 1));
                    }
                }
                case Cmd.DeleteSq ds -> {
                    int expected = ds.qid() == 0 || !ref.sqToCq.containsKey(ds.qid())
                            ? StatusCode.INVALID_QUEUE_IDENTIFIER.dnr() : Status.SUCCESS;
                    Cqe e = h.admin(s -> s.command(Opcodes.DELETE_IO_SQ, 0).cdw(10, ds.qid()));
                    assertEquals(Status.describe(expected), Status.describe(e.status()), where);
                    if (expected == Status.SUCCESS) {
                        ref.sqCount.merge(ref.sqToCq.remove(ds.qid()), -1, Integer::sum);
                        sqs.remove(ds.qid());
                    }
                }
                case Cmd.DeleteCq dc -> {
                    int expected = dc.qid() == 0 || !ref.cqSize.containsKey(dc.qid())
                            ? StatusCode.INVALID_QUEUE_IDENTIFIER.dnr()
                            : ref.sqCount.get(dc.qid()) > 0 ? StatusCode.INVALID_QUEUE_DELETION.dnr() : Status.SUCCESS;
                    Cqe e = h.admin(s -> s.command(Opcodes.DELETE_IO_CQ, 0).cdw(10, dc.qid()));
                    assertEquals(Status.describe(expected), Status.describe(e.status()), where);
                    if (expected == Status.SUCCESS) {
                        ref.cqSize.remove(dc.qid());
                        ref.sqCount.remove(dc.qid());
                        cqs.remove(dc.qid());
                    }
                }
                case Cmd.SetQueues sq -> {
                    Cqe e = h.admin(s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x07)
                            .cdw(11, sq.n() | sq.n() << 16));
                    if (ref.ioQueues()) {
                        assertEquals(StatusCode.COMMAND_SEQUENCE_ERROR.dnr(), e.status(), where);
                    } else {
                        if (ref.allocated < 0) {
                            ref.allocated = Math.min(sq.n(), MAX_QUEUES - 1);
                        }
                        assertEquals(ref.allocated | ref.allocated << 16, e.dw0(), where);
                    }
                }
                case Cmd.Io io -> {
                    HostRing sq = sqs.get(io.sqid());
                    if (sq != null) {
                        io(h, ref, io, sq, cqs.get(ref.sqToCq.get(io.sqid())), where);
                    }
                }
            }
            for (int q = 1; q <= MAX_QUEUES; q++) {
                assertEquals(ref.sqToCq.containsKey(q), h.controller.submissionQueue(q) != null, where + ": SQ " + q);
                assertEquals(ref.cqSize.containsKey(q), h.controller.completionQueue(q) != null, where + ": CQ " + q);
            }
        }
    }

    private static void io(RawHost h, Reference ref, Cmd.Io io, HostRing sq, HostRing cq, String where) {
        int blocks = io.nlb0() + 1;
        boolean inRange = io.lba() + blocks <= BLOCKS;
        long[] pages = new long[blocks];
        for (int i = 0; i < blocks; i++) {
            pages[i] = h.page();
        }
        long prp2 = 0;
        if (blocks == 2) {
            prp2 = pages[1];
        } else if (blocks > 2) {
            prp2 = h.page();
            for (int i = 1; i < blocks; i++) {
                h.memory.write64(prp2 + 8L * (i - 1), pages[i]);
            }
        }
        final long list = prp2;
        int cid = 1000 + (int) (io.lba() * 7 + io.seed()) % 60000;
        Sqe s = new Sqe().cid(cid).nsid(1).prp1(pages[0]).prp2(list).cdw10_11(io.lba()).cdw(12, io.nlb0());
        int expected;
        switch (io.kind()) {
            case 0 -> {
                s.command(Opcodes.WRITE, cid);
                for (int i = 0; i < blocks; i++) {
                    h.memory.write32(pages[i], io.seed() << 16 | (int) (io.lba() + i));
                    h.memory.write8(pages[i] + 4095, io.seed());
                }
                expected = inRange ? Status.SUCCESS : StatusCode.LBA_OUT_OF_RANGE.dnr();
            }
            case 1 -> {
                s.command(Opcodes.READ, cid);
                expected = inRange ? Status.SUCCESS : StatusCode.LBA_OUT_OF_RANGE.dnr();
            }
            case 2 -> {
                s.command(Opcodes.WRITE_ZEROES, cid).prp1(0).prp2(0);
                expected = inRange ? Status.SUCCESS : StatusCode.LBA_OUT_OF_RANGE.dnr();
            }
            case 3 -> {
                s.command(Opcodes.DATASET_MANAGEMENT, cid).cdw(10, 0).cdw(11, 1 << 2).cdw(12, 0).prp2(0);
                h.memory.write32(pages[0], 0);
                h.memory.write32(pages[0] + 4, blocks);
                h.memory.write64(pages[0] + 8, io.lba());
                expected = inRange ? Status.SUCCESS : StatusCode.LBA_OUT_OF_RANGE.dnr();
            }
            case 4 -> {
                s.command(Opcodes.FLUSH, cid);
                expected = Status.SUCCESS;
            }
            default -> {
                s.command(0x55, cid);
                expected = StatusCode.INVALID_OPCODE.dnr();
            }
        }
        s.writeTo(h.memory, sq.base + (long) sq.index * Sqe.BYTES);
        sq.index = Ring.next(sq.index, sq.size);
        h.write32(Registers.sqTailDoorbell(io.sqid(), 0), sq.index);
        h.settle();
        Cqe e = Cqe.read(h.memory, cq.base + (long) cq.index * Cqe.BYTES);
        assertEquals(cq.phase, e.phase(), where + ": a new entry, by its phase tag");
        cq.index = Ring.next(cq.index, cq.size);
        if (cq.index == 0) {
            cq.phase ^= 1;
        }
        h.write32(Registers.cqHeadDoorbell(ref.sqToCq.get(io.sqid()), 0), cq.index);
        assertEquals(cid, e.cid(), where);
        assertEquals(io.sqid(), e.sqid(), where);
        assertEquals(sq.index, e.sqhd(), where + ": SQHD after the fetch");
        assertEquals(Status.describe(expected), Status.describe(e.status()), where);
        if (expected != Status.SUCCESS) {
            return;
        }
        for (int i = 0; i < blocks; i++) {
            int lba = (int) io.lba() + i;
            switch (io.kind()) {
                case 0 -> ref.tag[lba] = io.seed() << 16 | lba;
                case 1 -> {
                    int want = ref.tag[lba];
                    assertEquals(want, h.memory.read32(pages[i]), where + ": LBA " + lba);
                    assertEquals(want == 0 ? 0 : want >>> 16, h.memory.read8(pages[i] + 4095), where + ": LBA " + lba);
                }
                case 2 -> ref.tag[lba] = 0;
                case 3 -> ref.tag[lba] = 0;
                default -> {
                }
            }
        }
        assertNotNull(e);
    }
}
