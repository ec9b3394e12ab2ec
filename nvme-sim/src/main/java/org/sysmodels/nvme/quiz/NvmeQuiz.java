package org.sysmodels.nvme.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.nvme.host.platform.RawHost;
import org.sysmodels.nvme.model.queue.CompletionQueue;
import org.sysmodels.nvme.model.register.ControllerConfig;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.memory.Prp;
import org.sysmodels.nvme.model.register.Registers;
import org.sysmodels.nvme.model.memory.Segments;
import org.sysmodels.nvme.model.media.ServiceModel;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.queue.SubmissionQueue;

/**
 * OSTEP-style questions about NVMe rings, generated from a seed. Each answer comes from running the real controller
 * model through {@link RawHost} (or the real PRP walker), not from a second, hand-written calculation, so the quiz and
 * the model cannot disagree.
 */
public final class NvmeQuiz {

    private NvmeQuiz() {
    }

    public static List<QuizQuestion> generate(long seed) {
        RandomStream r = new RandomStreams(seed).stream("nvme/quiz");
        List<QuizQuestion> out = new ArrayList<>();
        out.add(doorbells(r));
        out.add(ringState(r, seed));
        out.add(fullCompletionQueue(r, seed));
        out.add(createSqStatus(r, seed));
        out.add(prp(r));
        return out;
    }

    private static QuizQuestion doorbells(RandomStream r) {
        int dstrd = r.nextInt(4);
        int qid = 1 + r.nextInt(8);
        String q = String.format(Locale.ROOT, "CAP.DSTRD is %d. At which BAR0 offsets are the Submission Queue %d "
                + "Tail Doorbell and the Completion Queue %d Head Doorbell?", dstrd, qid, qid);
        int stride = Registers.stride(dstrd);
        String a = String.format(Locale.ROOT, "The stride is 4 << DSTRD = %d bytes. SQ%dTDBL = 1000h + (2 × %d) × %d "
                        + "= %Xh; CQ%dHDBL = 1000h + (2 × %d + 1) × %d = %Xh (NVMe 1.4 §3.1.24–25).", stride, qid, qid,
                stride, Registers.sqTailDoorbell(qid, dstrd), qid, qid, stride, Registers.cqHeadDoorbell(qid, dstrd));
        return new QuizQuestion(q, a);
    }

    private static QuizQuestion ringState(RandomStream r, long seed) {
        int size = 4 + r.nextInt(5);
        int rounds = 3 + r.nextInt(3);
        int[] batch = new int[rounds];
        for (int i = 0; i < rounds; i++) {
            batch[i] = 1 + r.nextInt(size - 1);
        }
        RawHost h = host(seed);
        h.createQueuePair(1, size);
        int tail = 0;
        Cqe last = null;
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < rounds; i++) {
            for (int k = 0; k < batch[i]; k++) {
                h.put(1, s -> s.command(Opcodes.FLUSH, 0).nsid(1));
            }
            tail = (tail + batch[i]) % size;
            h.ringSq(1);
            h.settle();
            List<Cqe> got = h.reap(1);
            last = got.get(got.size() - 1);
            steps.append(i == 0 ? "" : ", then ").append(batch[i]);
        }
        SubmissionQueue sq = h.controller.submissionQueue(1);
        CompletionQueue cq = h.controller.completionQueue(1);
        int total = 0;
        for (int b : batch) {
            total += b;
        }
        String q = String.format(Locale.ROOT, "An I/O SQ and its CQ both have %d entries (QSIZE = %d), freshly "
                + "created. The host submits %s Flush commands, each batch with one tail doorbell write; the device "
                + "completes each batch before the next and the host consumes every completion and writes the CQ head "
                + "doorbell. What is the last SQ tail doorbell value, the SQHD in the last CQE, the CQ tail, and the "
                + "phase tag the controller will write next?", size, size - 1, steps);
        String a = String.format(Locale.ROOT, "%d commands in all. The tail doorbell is (total mod %d) = %d; the "
                        + "controller fetched everything, so SQHD = head = %d, equal to the tail %d: the SQ is empty. "
                        + "The CQ got %d "
                        + "entries: tail = %d mod %d = %d. The phase starts at 1 and flips at each wrap (%d wrap(s)), so "
                        + "the next entry is written with P = %d, and the host, having consumed everything, expects %d. "
                        + "From the model: SQ head %d, tail %d; CQ tail %d, phase %d; last CQE SQHD %d.",
                total, size, tail, sq.head(), tail, total, total, size, cq.tail(), total / size, cq.phase(),
                h.ring(1).phase, sq.head(), sq.tail(), cq.tail(), cq.phase(), last.sqhd());
        return new QuizQuestion(q, a);
    }

    private static QuizQuestion fullCompletionQueue(RandomStream r, long seed) {
        int cqSize = 4 + r.nextInt(5);
        int commands = cqSize + 1 + r.nextInt(cqSize);
        RawHost h = host(seed);
        int sqSize = 2 * cqSize + 2;
        long cqBase = h.allocator.allocContiguous((long) cqSize * Cqe.BYTES);
        long sqBase = h.allocator.allocContiguous((long) sqSize * 64);
        h.admin(s -> s.command(Opcodes.CREATE_IO_CQ, 0).prp1(cqBase).cdw(10, 1 | (cqSize - 1) << 16).cdw(11, 1));
        h.admin(s -> s.command(Opcodes.CREATE_IO_SQ, 0).prp1(sqBase).cdw(10, 1 | (sqSize - 1) << 16)
                .cdw(11, 1 | 1 << 16));
        org.sysmodels.nvme.model.queue.Sqe e = new org.sysmodels.nvme.model.queue.Sqe();
        for (int i = 0; i < commands; i++) {
            e.clear().command(Opcodes.FLUSH, i + 1).nsid(1).writeTo(h.memory, sqBase + 64L * i);
        }
        h.write32(Registers.sqTailDoorbell(1, 0), commands);
        h.settle();
        CompletionQueue cq = h.controller.completionQueue(1);
        String q = String.format(Locale.ROOT, "A CQ has %d entries; its SQ has room for all %d commands the host "
                + "submits at once. The device finishes them all, but the host never writes the CQ head doorbell. How "
                + "many completions are in the CQ, and how many wait inside the controller?", cqSize, commands);
        String a = String.format(Locale.ROOT, "A queue of %d entries holds at most %d (one slot stays empty, §4.1.2): "
                        + "%d entries are posted and %d completions wait inside the controller until a head doorbell "
                        + "write makes room. The device is stalled, not broken. Model: %d posted, %d waiting.",
                cqSize, cqSize - 1, cqSize - 1, commands - (cqSize - 1), cq.occupied(), h.controller.completionsWaiting(1));
        return new QuizQuestion(q, a);
    }

    private static QuizQuestion createSqStatus(RandomStream r, long seed) {
        RawHost h = host(seed);
        h.admin(s -> s.command(Opcodes.CREATE_IO_CQ, 0).prp1(h.page()).cdw(10, 1 | 15 << 16).cdw(11, 1));
        boolean badCq = r.chance(0.4);
        boolean qidZero = r.chance(0.4);
        boolean sizeZero = r.chance(0.4);
        boolean misaligned = r.chance(0.5);
        boolean notContiguous = r.chance(0.5);
        int cqid = badCq ? 7 : 1;
        int qid = qidZero ? 0 : 2;
        int qsize = sizeZero ? 0 : 63;
        long prp1 = h.page() + (misaligned ? 0x200 : 0);
        int pc = notContiguous ? 0 : 1;
        Cqe c = h.admin(s -> s.command(Opcodes.CREATE_IO_SQ, 0).prp1(prp1).cdw(10, qid | qsize << 16)
                .cdw(11, pc | cqid << 16));
        String q = String.format(Locale.ROOT, "Only I/O CQ 1 exists. The host sends Create I/O SQ with QID = %d, "
                        + "QSIZE = %d, CQID = %d, PRP1 = 0x%X (page size 4 KiB) and PC = %d. With which status does it "
                        + "complete?", qid, qsize, cqid, prp1, pc);
        String a = "The checks run in order (CQID, then QID, QSIZE, PRP1 alignment, PC; QEMU's order): "
                + Status.describe(c.status()) + ". " + (c.success() ? "Every field is valid."
                : "The first failing check decides; later ones are not reported.");
        return new QuizQuestion(q, a);
    }

    private static QuizQuestion prp(RandomStream r) {
        int kib = 4 * (1 + r.nextInt(8));
        int offset = r.nextInt(8) * 512;
        HostMemory m = new HostMemory(1 << 20);
        long list = 0x40000;
        for (int i = 0; i < 16; i++) {
            m.write64(list + 8L * i, 0x10000L * (i + 2));
        }
        Segments segs = new Segments(32);
        long second = kib * 1024L > 4096 - offset && kib * 1024L <= 8192 - offset ? 0x20000 : list;
        int status = Prp.walk(m.dma(), 0x10000 + offset, second, kib * 1024L, 4096, segs);
        String kind = kib * 1024L <= 4096 - offset ? "not used" : second == list ? "a pointer to a PRP list" : "the "
                + "address of the second page";
        String q = String.format(Locale.ROOT, "A Read moves %d KiB into a buffer that starts %d bytes into a 4 KiB "
                + "page (PRP1 = page + %d). How many memory pages does it touch, and what is PRP2?", kib, offset,
                offset);
        String a = String.format(Locale.ROOT, "The first page holds %d bytes; the rest is %d bytes, whole pages from "
                        + "the second on. The transfer touches %d pages, so PRP2 is %s%s (NVMe 1.4 §4.3). Model: %d "
                        + "segments, %s.", Math.min(kib * 1024, 4096 - offset), Math.max(0, kib * 1024 - (4096 - offset)),
                segs.count(), kind, second == list && segs.count() > 2 ? " with " + (segs.count() - 1) + " entries" : "",
                segs.count(), Status.describe(status));
        return new QuizQuestion(q, a);
    }

    private static RawHost host(long seed) {
        ControllerConfig c = ControllerConfig.defaults().withService(ServiceModel.instant(4))
                .withTiming(10_000, 10_000, 10_000, 0);
        RawHost h = new RawHost(c, seed);
        h.enable(32);
        return h;
    }
}
