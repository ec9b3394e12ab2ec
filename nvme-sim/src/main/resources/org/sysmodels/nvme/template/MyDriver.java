// A minimal NVMe driver for `sim nvme`, written from the NVMe 1.4 specification: it brings the controller up through
// its registers, creates one I/O queue pair, turns each block request into a Read or Write command, and completes
// requests from the completion queue by interrupt.
//
//   sim nvme --template driver > MyDriver.java     this file
//   sim nvme --driver MyDriver.java                run it in place of the reference driver, under every check
//   sim nvme --driver MyDriver.java --scenario faults --trace t.json    ... and see what it does not handle yet
//   sim nvme --grade MyDriver.java                 the grading battery: small queues, faults, resets, many CPUs
//
// Everything runs on one simulated clock, so a driver never blocks: to wait, it schedules a timer (platform.after)
// and continues there; a command's result arrives in the completion queue, with an interrupt.
//
// What this version leaves out, so you can add it (the reference is org.sysmodels.nvme.host.driver.LinuxDriver):
// Identify and Set Features Number of Queues answers, one queue per CPU, retries, Abort on timeout, controller reset
// on CSTS.CFS, deleting the queues at shutdown. The checks will tell you which scenarios need which.

import org.sysmodels.nvme.host.block.BlockDriver;
import org.sysmodels.nvme.host.block.BlockLayer;
import org.sysmodels.nvme.host.block.Request;
import org.sysmodels.nvme.host.platform.Platform;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.model.register.Aqa;
import org.sysmodels.nvme.model.register.Cap;
import org.sysmodels.nvme.model.register.Cc;
import org.sysmodels.nvme.model.register.Csts;
import org.sysmodels.nvme.model.register.Registers;
import org.sysmodels.nvme.model.status.Status;

public class MyDriver implements BlockDriver {

    private static final int ADMIN_ENTRIES = 32;    // admin SQ and CQ size (Linux: NVME_AQ_DEPTH)
    private static final int IO_ENTRIES = 256;      // I/O SQ and CQ size, at most CAP.MQES + 1
    private static final int IO_QID = 1;            // our one I/O queue pair
    private static final long POLL = 10_000;        // 10 us between CSTS reads while waiting

    private Platform p;
    private BlockLayer blk;
    private Cap cap;
    private int entries;                             // I/O ring size actually used
    private Ring admin;
    private Ring io;
    private int[] prpList;                           // one PRP list page per tag, for buffers of 3+ pages
    private Runnable afterAdmin;                     // what the bring-up does when its admin command completes
    private int adminStatus;                         // the status of the last admin completion
    private boolean live;

    /** One submission/completion queue pair as the host sees it (NVMe 1.4 §4.1). */
    private static final class Ring {
        final int qid;
        final long sq;                              // SQ base address: entries of Sqe.BYTES (64)
        final long cq;                              // CQ base address: entries of Cqe.BYTES (16)
        final int size;
        int sqTail;                                 // where the host writes the next SQE
        int sqHead;                                 // the controller's SQ head, learnt from each CQE's SQHD
        int cqHead;                                 // where the host reads the next CQE
        int phase = 1;                              // the phase tag a new CQE carries; inverts on every wrap
        boolean tailMoved;                          // SQEs written since the last doorbell

        Ring(int qid, long sq, long cq, int size) {
            this.qid = qid;
            this.sq = sq;
            this.cq = cq;
            this.size = size;
        }

        /** Entries written that the controller has not fetched yet; one slot always stays empty (§4.1.2). */
        boolean full() {
            return Ring.next(sqTail, size) == sqHead;
        }

        static int next(int i, int size) {
            return i + 1 == size ? 0 : i + 1;
        }
    }

    @Override
    public String name() {
        return "MyDriver";
    }

    // ------------------------------------------------------------------ bring-up (NVMe 1.4 §7.6.1)

    @Override
    public void probe(Platform platform, BlockLayer layer) {
        p = platform;
        blk = layer;
        cap = Cap.decode(p.bar0().read64(Registers.CAP));
        for (int v = 0; v < p.vectors(); v++) {
            p.onInterrupt(v, vector -> interrupt());  // MSI-X: vector 0 admin, vector 1 our I/O CQ
        }
        // 1. Disable the controller and wait for CSTS.RDY = 0 before touching the admin queue registers.
        int cc = p.bar0().read32(Registers.CC);
        if ((cc & 1) != 0) {
            p.bar0().write32(Registers.CC, cc & ~1);
        }
        waitFor(false, this::configureAdminQueues);
    }

    private void configureAdminQueues() {
        // 2. Admin queues in contiguous, page-aligned memory; sizes in AQA (0's based), addresses in ASQ and ACQ.
        admin = new Ring(0, p.allocator().allocContiguous((long) ADMIN_ENTRIES * Sqe.BYTES),
                p.allocator().allocContiguous((long) ADMIN_ENTRIES * Cqe.BYTES), ADMIN_ENTRIES);
        p.bar0().write32(Registers.AQA, Aqa.of(ADMIN_ENTRIES, ADMIN_ENTRIES));
        p.bar0().write64(Registers.ASQ, admin.sq);
        p.bar0().write64(Registers.ACQ, admin.cq);
        // 3. Enable: NVM command set, 4 KiB pages, round robin, 64-byte SQEs and 16-byte CQEs (CC.IOSQES/IOCQES).
        p.bar0().write32(Registers.CC, Cc.linux(0, Cc.AMS_ROUND_ROBIN).encode());
        // 4. Wait for CSTS.RDY = 1 before the first doorbell.
        waitFor(true, this::createIoCompletionQueue);
    }

    private void createIoCompletionQueue() {
        entries = Math.min(IO_ENTRIES, cap.mqes() + 1);
        io = new Ring(IO_QID, p.allocator().allocContiguous((long) entries * Sqe.BYTES),
                p.allocator().allocContiguous((long) entries * Cqe.BYTES), entries);
        prpList = new int[entries];
        for (int t = 0; t < entries; t++) {
            prpList[t] = p.allocator().allocPage();
        }
        int vector = p.vectors() > 1 ? 1 : 0;
        // 5. Create I/O CQ (§5.3): QID and QSIZE (0's based) in CDW10; PC = 1, IEN = 1 and the vector in CDW11.
        adminCommand(new Sqe().command(Opcodes.CREATE_IO_CQ, 0).prp1(io.cq)
                .cdw(10, IO_QID | (entries - 1) << 16).cdw(11, 1 | 2 | vector << 16), this::createIoSubmissionQueue);
    }

    private void createIoSubmissionQueue() {
        // 6. Create I/O SQ (§5.4): it posts its completions to CQ IO_QID (CDW11 bits 31:16); PC = 1.
        adminCommand(new Sqe().command(Opcodes.CREATE_IO_SQ, 0).prp1(io.sq)
                .cdw(10, IO_QID | (entries - 1) << 16).cdw(11, 1 | IO_QID << 16), () -> {
                    live = true;
                    // One hardware queue; at most entries - 1 requests in flight (one slot stays empty).
                    blk.ready(1, entries - 1);
                });
    }

    /** Polls CSTS until RDY equals {@code ready}, at most (CAP.TO + 1) × 500 ms; CSTS.CFS is a failure. */
    private void waitFor(boolean ready, Runnable then) {
        long deadline = p.now() + (cap.to() + 1L) * 500_000_000L;
        p.after(0, new org.sysmodels.core.sched.Action() {
            @Override
            public void run(long ignored) {
                int csts = p.bar0().read32(Registers.CSTS);
                if (Csts.ready(csts) == ready) {
                    then.run();
                } else if (Csts.fatal(csts)) {
                    blk.failed("CSTS.CFS = 1 while waiting for CSTS.RDY = " + (ready ? 1 : 0));
                } else if (p.now() >= deadline) {
                    blk.failed("CSTS.RDY did not become " + (ready ? 1 : 0) + " within CAP.TO");
                } else {
                    p.after(POLL, this, 0);
                }
            }
        }, 0);
    }

    /** Writes one admin command (CID 0: only one is ever outstanding) and rings the admin SQ doorbell. */
    private void adminCommand(Sqe sqe, Runnable then) {
        afterAdmin = then;
        sqe.writeTo(p.memory(), admin.sq + (long) admin.sqTail * Sqe.BYTES);
        admin.sqTail = Ring.next(admin.sqTail, admin.size);
        p.bar0().write32(Registers.sqTailDoorbell(0, cap.dstrd()), admin.sqTail);
    }

    // ------------------------------------------------------------------ submit (blk-mq queue_rq)

    @Override
    public boolean queueRq(int hctx, Request rq, boolean last) {
        if (!live || io.full()) {
            ringSq();                               // what was written must still reach the device
            return false;                           // blk-mq tries again after a completion
        }
        Sqe sqe = new Sqe().nsid(rq.nsid()).cdw10_11(rq.lba()).cdw(12, rq.blocks() - 1);  // NLB is 0's based
        switch (rq.op()) {
            case Request.READ -> sqe.command(Opcodes.READ, rq.tag());   // the blk-mq tag is the CID
            case Request.WRITE -> sqe.command(Opcodes.WRITE, rq.tag());
            default -> sqe.command(Opcodes.FLUSH, rq.tag());
        }
        if (rq.op() == Request.READ || rq.op() == Request.WRITE) {
            mapBuffer(rq, sqe);
        }
        sqe.writeTo(p.memory(), io.sq + (long) io.sqTail * Sqe.BYTES);
        io.sqTail = Ring.next(io.sqTail, io.size);
        io.tailMoved = true;
        if (last) {
            ringSq();                               // one doorbell write for the whole batch
        }
        return true;
    }

    /** PRP1 and PRP2 for the request's buffer (NVMe 1.4 §4.3). */
    private void mapBuffer(Request rq, Sqe sqe) {
        sqe.prp1(rq.address(0));                    // may start inside its page (a dword-aligned offset)
        int pages = (rq.offset() + rq.bytes() + HostMemory.PAGE_SIZE - 1) / HostMemory.PAGE_SIZE;
        if (pages == 2) {
            sqe.prp2(HostMemory.address(rq.pfn(1), 0));  // the second page itself
        } else if (pages > 2) {
            long list = HostMemory.address(prpList[rq.tag()], 0);  // a PRP list: pages 2..n, one qword each
            for (int i = 1; i < pages; i++) {
                p.memory().write64(list + 8L * (i - 1), HostMemory.address(rq.pfn(i), 0));
            }
            sqe.prp2(list);
        }
    }

    private void ringSq() {
        if (io.tailMoved) {
            io.tailMoved = false;
            p.bar0().write32(Registers.sqTailDoorbell(IO_QID, cap.dstrd()), io.sqTail);
        }
    }

    @Override
    public void commitRqs(int hctx) {
        ringSq();
    }

    // ------------------------------------------------------------------ complete (interrupt handler)

    private void interrupt() {
        if (admin != null && reap(admin) > 0 && afterAdmin != null) {
            Runnable next = afterAdmin;
            afterAdmin = null;
            if (adminStatus != Status.SUCCESS) {
                blk.failed("an admin command of the bring-up failed: " + Status.describe(adminStatus));
                return;
            }
            next.run();
        }
        if (io != null) {
            reap(io);
        }
    }

    /**
     * Consumes the new entries of a CQ by their phase tag (§4.6), at most a queue's worth per call (so a wrong phase
     * cannot loop forever), then writes the CQ head doorbell once.
     */
    private int reap(Ring r) {
        int n = 0;
        while (n < r.size) {
            long slot = r.cq + (long) r.cqHead * Cqe.BYTES;
            int dw3 = p.memory().read32Acquire(slot + 12);  // DW3 first: CID, phase tag, status
            if (Cqe.phase(dw3) != r.phase) {
                break;                              // not written by the controller yet in this pass
            }
            int dw2 = p.memory().read32(slot + 8);
            r.sqHead = Cqe.sqhd(dw2);               // how far the controller has fetched
            r.cqHead = Ring.next(r.cqHead, r.size);
            if (r.cqHead == 0) {
                r.phase ^= 1;                       // a new pass: new entries carry the other phase
            }
            n++;
            if (r.qid == 0) {
                adminStatus = Cqe.status(dw3);
            } else {
                Request rq = blk.byTag(0, Cqe.cid(dw3));
                if (rq != null) {
                    blk.complete(rq, Cqe.status(dw3));  // the 15-bit status field; 0 = success
                }
            }
        }
        if (n > 0) {
            p.bar0().write32(Registers.cqHeadDoorbell(r.qid, cap.dstrd()), r.cqHead);
        }
        return n;
    }

    // ------------------------------------------------------------------ timeout and shutdown

    @Override
    public boolean timeout(Request rq) {
        return true;   // keep waiting; a real driver sends an Abort, then resets the controller (LinuxDriver)
    }

    @Override
    public void shutdown(Runnable done) {
        // Normal shutdown (§7.6.2): CC.SHN = 01b, then wait for CSTS.SHST = 10b.
        live = false;
        int cc = p.bar0().read32(Registers.CC);
        p.bar0().write32(Registers.CC, Cc.decode(cc).withShn(Cc.SHN_NORMAL).encode());
        long deadline = p.now() + 5_000_000_000L;
        p.after(0, new org.sysmodels.core.sched.Action() {
            @Override
            public void run(long ignored) {
                int csts = p.bar0().read32(Registers.CSTS);
                if (Csts.shst(csts) == Csts.SHST_COMPLETE || p.now() >= deadline) {
                    done.run();
                } else {
                    p.after(POLL, this, 0);
                }
            }
        }, 0);
    }
}
