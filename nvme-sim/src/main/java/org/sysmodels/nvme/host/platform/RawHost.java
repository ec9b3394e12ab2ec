package org.sysmodels.nvme.host.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.model.Controller;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.queue.Ring;
import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.model.register.Aqa;
import org.sysmodels.nvme.model.register.Cap;
import org.sysmodels.nvme.model.register.Cc;
import org.sysmodels.nvme.model.register.ControllerConfig;
import org.sysmodels.nvme.model.register.Csts;
import org.sysmodels.nvme.model.register.Mmio;
import org.sysmodels.nvme.model.register.Registers;
import org.sysmodels.nvme.model.command.Opcodes;

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
 *
 * It can also wrap an existing {@link Platform} ({@link #RawHost(Platform)}), to poke at the device a driver is
 * running on. Nothing is forced: {@link #enable(int, Cc)} writes the CC value given, {@link #put(int, Sqe)} sends an
 * entry exactly as built (CID 0 included), and {@link #createQueuePair(int, int, int)} creates a CQ with interrupts
 * on.
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

    public final Scheduler scheduler;
    public final HostMemory memory;
    public final DmaAllocator allocator;
    public final Controller controller;
    private final Mmio bar;
    private final Queue[] rings;
    private final long[] interrupts;
    private int nextCid;

    public RawHost(ControllerConfig config, long seed) {
        this(config, seed, Tracer.off(), FaultPlan.none());
    }

    public RawHost(ControllerConfig config, long seed, Tracer tracer, FaultPlan faults) {
        scheduler = new Scheduler();
        memory = new HostMemory(64L << 20);
        allocator = new DmaAllocator(memory, 2048);
        controller = new Controller(config, scheduler, memory, new RandomStreams(seed), tracer, faults);
        bar = controller;
        rings = new Queue[config.maxIoQueuePairs() + 1];
        interrupts = new long[config.msixVectors()];
        controller.connect(v -> interrupts[v]++);
    }

    /**
     * A host on an existing platform: the same controller, memory, allocator and clock. MSI-X messages keep going to
     * the platform's handlers ({@link #interrupts(int)} stays 0).
     */
    public RawHost(Platform platform) {
        scheduler = platform.scheduler();
        memory = platform.memory();
        allocator = platform.allocator();
        controller = platform.controller();
        bar = platform.bar0();
        rings = new Queue[controller.configuration().maxIoQueuePairs() + 1];
        interrupts = new long[platform.vectors()];
    }

    /** CAP.DSTRD, as read from CAP. */
    public int dstrd() {
        return Cap.decode(bar.read64(Registers.CAP)).dstrd();
    }

    // ------------------------------------------------------------------ registers

    public int read32(int offset) {
        return bar.read32(offset);
    }

    public void write32(int offset, int value) {
        bar.write32(offset, value);
    }

    public void write64(int offset, long value) {
        bar.write64(offset, value);
    }

    public int csts() {
        return bar.read32(Registers.CSTS);
    }

    /** Lets virtual time pass, running whatever the controller scheduled. */
    public void advance(long nanos) {
        scheduler.runUntil(scheduler.now() + nanos);
    }

    /** Runs until nothing is scheduled (every command the controller can finish has finished). */
    public void settle() {
        scheduler.runUntil(scheduler.now() + 10_000_000_000L);
    }

    /** MSI-X messages the controller sent on {@code vector} (this host's own controller only). */
    public long interrupts(int vector) {
        return interrupts[vector];
    }

    /** {@link #enable(int, Cc)} with Linux's CC: NVM command set, 4 KiB pages, round robin, 64/16-byte entries. */
    public boolean enable(int entries) {
        return enable(entries, Cc.linux(0, Cc.AMS_ROUND_ROBIN));
    }

    /**
     * Allocates admin queues of {@code entries} entries, programs AQA/ASQ/ACQ, writes {@code cc} (its EN bit set) and
     * waits for RDY. @return false if RDY did not come (CSTS.CFS, or CAP.TO passed)
     */
    public boolean enable(int entries, Cc cc) {
        long align = Math.max(HostMemory.PAGE_SIZE, cc.pageSize());
        Queue admin = new Queue(0, allocator.allocContiguous((long) entries * Sqe.BYTES, align),
                allocator.allocContiguous((long) entries * Cqe.BYTES, align), entries);
        rings[0] = admin;
        write32(Registers.AQA, Aqa.of(entries, entries));
        write64(Registers.ASQ, admin.sq);
        write64(Registers.ACQ, admin.cq);
        write32(Registers.CC, cc.withEn(true).encode());
        return waitFor(Csts.RDY, Csts.RDY);
    }

    /** Polls CSTS until {@code (CSTS & mask) == value}, for at most CAP.TO × 500 ms. */
    public boolean waitFor(int mask, int value) {
        Cap cap = Cap.decode(bar.read64(Registers.CAP));
        long deadline = scheduler.now() + (cap.to() + 1L) * 500_000_000L;
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

    /** A data page filled with FFh, so a reader sees which bytes the device wrote. @return its address */
    public long dirtyPage() {
        long a = page();
        byte[] ff = new byte[HostMemory.PAGE_SIZE];
        java.util.Arrays.fill(ff, (byte) 0xff);
        memory.write(a, ff, 0, ff.length);
        return a;
    }

    /** Creates I/O CQ and SQ {@code qid} with {@code entries} entries, interrupts off: this host polls. */
    public boolean createQueuePair(int qid, int entries) {
        return createQueuePair(qid, entries, -1);
    }

    /**
     * Creates I/O CQ and SQ {@code qid} with {@code entries} entries; the CQ signals MSI-X {@code vector}, or none if
     * {@code vector} is negative. @return false if either Create command failed
     */
    public boolean createQueuePair(int qid, int entries, int vector) {
        Queue r = new Queue(qid, allocator.allocContiguous((long) entries * Sqe.BYTES),
                allocator.allocContiguous((long) entries * Cqe.BYTES), entries);
        int cqFlags = vector < 0 ? 1 : 1 | 2 | vector << 16;
        Cqe cq = admin(s -> s.command(Opcodes.CREATE_IO_CQ, 0).prp1(r.cq).cdw(10, qid | (entries - 1) << 16)
                .cdw(11, cqFlags));
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

    /**
     * Writes an SQE at the tail of SQ {@code qid} (the doorbell is not written). If {@code build} leaves the CID at 0,
     * the entry gets a fresh one from this host's counter (1 to 65535); to send CID 0 itself, use
     * {@link #put(int, Sqe)}. @return the CID
     */
    public int put(int qid, Consumer<Sqe> build) {
        Sqe s = new Sqe();
        build.accept(s);
        if (s.cid() == 0) {
            nextCid = nextCid == 0xffff ? 1 : nextCid + 1;
            s.cid(nextCid);
        }
        return put(qid, s);
    }

    /** Writes {@code entry} exactly as built (any CID, 0 included) at the tail of SQ {@code qid}. @return its CID */
    public int put(int qid, Sqe entry) {
        Queue r = rings[qid];
        entry.writeTo(memory, r.sq + (long) r.sqTail * Sqe.BYTES);
        r.sqTail = Ring.next(r.sqTail, r.entries);
        return entry.cid();
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

    /** Submits one admin command (a fresh CID if it has none) and waits for its completion. @return the CQE, or null */
    public Cqe admin(Consumer<Sqe> build) {
        int cid = put(0, build);
        ringSq(0);
        return await(0, cid);
    }

    /** Submits one admin command exactly as built (CID 0 allowed) and waits. @return the CQE, or null */
    public Cqe admin(Sqe entry) {
        int cid = put(0, entry);
        ringSq(0);
        return await(0, cid);
    }

    /** Submits one I/O command on {@code qid} (a fresh CID if it has none) and waits. @return the CQE, or null */
    public Cqe io(int qid, Consumer<Sqe> build) {
        int cid = put(qid, build);
        ringSq(qid);
        return await(qid, cid);
    }

    /** Submits one I/O command exactly as built and waits. @return the CQE, or null */
    public Cqe io(int qid, Sqe entry) {
        int cid = put(qid, entry);
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
