package org.sysmodels.nvme.host;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.model.Aqa;
import org.sysmodels.nvme.model.Cc;
import org.sysmodels.nvme.model.Controller;
import org.sysmodels.nvme.model.ControllerConfig;
import org.sysmodels.nvme.model.Cqe;
import org.sysmodels.nvme.model.Csts;
import org.sysmodels.nvme.model.HostMemory;
import org.sysmodels.nvme.model.Opcodes;
import org.sysmodels.nvme.model.Registers;
import org.sysmodels.nvme.model.Ring;
import org.sysmodels.nvme.model.Sqe;

/**
 * A register-level host for experiments, tests and quizzes: a controller, host memory and a clock, and the smallest
 * synchronous driver on top: program registers, write SQEs into rings, ring doorbells, advance time, read CQEs by
 * their phase tags. Nothing is hidden: every step is the MMIO or memory access a driver would make, so a student
 * can start here and replace one piece at a time.
 *
 * <pre>{@code
 * RawHost h = new RawHost(ControllerConfig.defaults(), 1);
 * h.enable(32);                                   // AQA/ASQ/ACQ, CC.EN = 1, wait for CSTS.RDY
 * Cqe c = h.admin(s -> s.command(Opcodes.IDENTIFY, 0).prp1(h.page()).cdw(10, 1));
 * }</pre>
 */
public final class RawHost {

    /** One queue pair as this host tracks it. */
    public static final class Queue {
        public final int qid;
        public final long sq;
        public final long cq;
        public final int entries;
        public int sqTail;
        public int cqHead;
        public int phase = 1;

        Queue(int qid, long sq, long cq, int entries) {
            this.qid = qid;
            this.sq = sq;
            this.cq = cq;
            this.entries = entries;
        }
    }

    public final Scheduler scheduler = new Scheduler();
    public final HostMemory memory;
    public final DmaAllocator allocator;
    public final Controller controller;
    private final Queue[] rings;
    private int nextCid;

    public RawHost(ControllerConfig config, long seed) {
        this(config, seed, Tracer.off(), FaultPlan.none());
    }

    public RawHost(ControllerConfig config, long seed, Tracer tracer, FaultPlan faults) {
        memory = new HostMemory(64L << 20);
        allocator = new DmaAllocator(memory, 2048);
        controller = new Controller(config, scheduler, memory, new RandomStreams(seed), tracer, faults);
        rings = new Queue[config.maxIoQueuePairs() + 1];
    }

    public int dstrd() {
        return controller.configuration().dstrd();
    }

    // ------------------------------------------------------------------ registers

    public int read32(int offset) {
        return controller.read32(offset);
    }

    public void write32(int offset, int value) {
        controller.write32(offset, value);
    }

    public void write64(int offset, long value) {
        controller.write64(offset, value);
    }

    public int csts() {
        return controller.read32(Registers.CSTS);
    }

    /** Lets virtual time pass, running whatever the controller scheduled. */
    public void advance(long nanos) {
        scheduler.runUntil(scheduler.now() + nanos);
    }

    /** Runs until nothing is scheduled (every command the controller can finish has finished). */
    public void settle() {
        scheduler.runUntil(scheduler.now() + 10_000_000_000L);
    }

    /** Allocates admin queues of {@code entries} entries, programs AQA/ASQ/ACQ, sets CC.EN and waits for RDY. */
    public boolean enable(int entries) {
        Queue admin = new Queue(0, allocator.allocContiguous((long) entries * Sqe.BYTES),
                allocator.allocContiguous((long) entries * Cqe.BYTES), entries);
        rings[0] = admin;
        write32(Registers.AQA, Aqa.of(entries, entries));
        write64(Registers.ASQ, admin.sq);
        write64(Registers.ACQ, admin.cq);
        write32(Registers.CC, Cc.linux(0, Cc.AMS_ROUND_ROBIN).encode());
        return waitFor(Csts.RDY, Csts.RDY);
    }

    /** Polls CSTS until {@code (CSTS & mask) == value}, for at most CAP.TO × 500 ms. */
    public boolean waitFor(int mask, int value) {
        long deadline = scheduler.now() + (controller.configuration().timeout() + 1L) * 500_000_000L;
        while ((csts() & mask) != value) {
            if (scheduler.now() >= deadline || Csts.fatal(csts())) {
                return false;
            }
            advance(10_000);
        }
        return true;
    }

    /** Clears CC.EN (a controller reset) and waits for RDY = 0. */
    public boolean disable() {
        write32(Registers.CC, read32(Registers.CC) & ~1);
        java.util.Arrays.fill(rings, null);
        return waitFor(Csts.RDY, 0);
    }

    // ------------------------------------------------------------------ queues

    /** A zeroed data page. @return its address */
    public long page() {
        int pfn = allocator.allocPage();
        long a = HostMemory.address(pfn, 0);
        memory.zero(a, HostMemory.PAGE_SIZE);
        return a;
    }

    /** Creates I/O CQ and SQ {@code qid} with {@code entries} entries (interrupts off: this host polls). */
    public boolean createQueuePair(int qid, int entries) {
        Queue r = new Queue(qid, allocator.allocContiguous((long) entries * Sqe.BYTES),
                allocator.allocContiguous((long) entries * Cqe.BYTES), entries);
        Cqe cq = admin(s -> s.command(Opcodes.CREATE_IO_CQ, 0).prp1(r.cq).cdw(10, qid | (entries - 1) << 16)
                .cdw(11, 1));
        if (cq == null || !cq.success()) {
            return false;
        }
        Cqe sq = admin(s -> s.command(Opcodes.CREATE_IO_SQ, 0).prp1(r.sq).cdw(10, qid | (entries - 1) << 16)
                .cdw(11, 1 | qid << 16));
        if (sq == null || !sq.success()) {
            return false;
        }
        rings[qid] = r;
        return true;
    }

    public Queue ring(int qid) {
        return rings[qid];
    }

    /** Writes an SQE at the tail of SQ {@code qid} (the doorbell is not written). A fresh CID unless set. */
    public int put(int qid, java.util.function.Consumer<Sqe> build) {
        Queue r = rings[qid];
        Sqe s = new Sqe();
        build.accept(s);
        if (s.cid() == 0) {
            s.cid(nextCid = (nextCid + 1) & 0xffff);
        }
        s.writeTo(memory, r.sq + (long) r.sqTail * Sqe.BYTES);
        r.sqTail = Ring.next(r.sqTail, r.entries);
        return s.cid();
    }

    /** Writes SQ {@code qid}'s tail doorbell with the host's tail. */
    public void ringSq(int qid) {
        write32(Registers.sqTailDoorbell(qid, dstrd()), rings[qid].sqTail);
    }

    /** Reads every new CQE of CQ {@code qid} by its phase tag; writes the head doorbell if any. */
    public List<Cqe> reap(int qid) {
        Queue r = rings[qid];
        List<Cqe> out = new ArrayList<>();
        while (true) {
            Cqe e = Cqe.read(memory, r.cq + (long) r.cqHead * Cqe.BYTES);
            if (e.phase() != r.phase) {
                break;
            }
            out.add(e);
            r.cqHead = Ring.next(r.cqHead, r.entries);
            if (r.cqHead == 0) {
                r.phase ^= 1;
            }
        }
        if (!out.isEmpty()) {
            write32(Registers.cqHeadDoorbell(qid, dstrd()), r.cqHead);
        }
        return out;
    }

    /** Submits one admin command and waits for its completion. @return the CQE, or null if none came */
    public Cqe admin(java.util.function.Consumer<Sqe> build) {
        int cid = put(0, build);
        ringSq(0);
        return await(0, cid);
    }

    /** Submits one I/O command on {@code qid} and waits. @return the CQE, or null */
    public Cqe io(int qid, java.util.function.Consumer<Sqe> build) {
        int cid = put(qid, build);
        ringSq(qid);
        return await(qid, cid);
    }

    private Cqe await(int qid, int cid) {
        long deadline = scheduler.now() + 10_000_000_000L;
        while (scheduler.now() < deadline) {
            for (Cqe e : reap(qid)) {
                if (e.cid() == cid) {
                    return e;
                }
            }
            if (!scheduler.step()) {
                return reap(qid).stream().filter(e -> e.cid() == cid).findFirst().orElse(null);
            }
        }
        return null;
    }
}
