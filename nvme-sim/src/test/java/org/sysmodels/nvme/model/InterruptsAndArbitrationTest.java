package org.sysmodels.nvme.model;

import org.sysmodels.nvme.model.command.ControllerObserver;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.media.ServiceModel;
import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.model.register.Aqa;
import org.sysmodels.nvme.model.register.Cc;
import org.sysmodels.nvme.model.register.ControllerConfig;
import org.sysmodels.nvme.model.register.Csts;
import org.sysmodels.nvme.model.register.Registers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.nvme.host.platform.RawHost;

/** MSI-X delivery, masking and coalescing; round robin with burst; weighted round robin with the urgent class. */
class InterruptsAndArbitrationTest {

    private static RawHost withInterrupts(List<Integer> signalled) {
        RawHost h = Hosts.ready();
        h.controller.connect(signalled::add);
        assertTrue(h.admin(s -> s.command(Opcodes.CREATE_IO_CQ, 0).prp1(h.page()).cdw(10, 1 | 63 << 16)
                .cdw(11, 1 | 2 | 5 << 16)).success(), "IEN = 1, vector 5");
        signalled.clear();
        return h;
    }

    private static void submitFlushes(RawHost h, long sq, int n, int[] tail) {
        Sqe e = new Sqe();
        for (int i = 0; i < n; i++) {
            e.clear().command(Opcodes.FLUSH, 100 + tail[0]).nsid(1).writeTo(h.memory, sq + 64L * tail[0]);
            tail[0]++;
        }
        h.write32(Registers.sqTailDoorbell(1, 0), tail[0]);
    }

    @Test
    void everyCompletionSignalsItsVectorWithoutCoalescing() {
        List<Integer> signalled = new ArrayList<>();
        RawHost h = withInterrupts(signalled);
        long sq = h.page();
        assertTrue(h.admin(s -> s.command(Opcodes.CREATE_IO_SQ, 0).prp1(sq).cdw(10, 1 | 63 << 16)
                .cdw(11, 1 | 1 << 16)).success());
        signalled.clear();
        submitFlushes(h, sq, 5, new int[1]);
        h.settle();
        assertEquals(List.of(5, 5, 5, 5, 5), signalled);
    }

    @Test
    void coalescingFiresAtTheThresholdOrAfterTheTime() {
        List<Integer> signalled = new ArrayList<>();
        RawHost h = withInterrupts(signalled);
        long sq = h.page();
        assertTrue(h.admin(s -> s.command(Opcodes.CREATE_IO_SQ, 0).prp1(sq).cdw(10, 1 | 63 << 16)
                .cdw(11, 1 | 1 << 16)).success());
        assertTrue(h.admin(s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x08).cdw(11, 3 | 2 << 8)).success());
        signalled.clear();
        int[] tail = {0};
        submitFlushes(h, sq, 9, tail);
        h.advance(1);
        assertEquals(2, signalled.size(), "THR = 3: one interrupt per 4 entries, 9 entries → 2 at once");
        h.advance(199_998);
        assertEquals(2, signalled.size());
        h.advance(2);
        assertEquals(3, signalled.size(), "the ninth entry's interrupt after TIME = 2 × 100 µs");
    }

    @Test
    void aMaskedVectorHoldsItsMessageUntilUnmasked() {
        List<Integer> signalled = new ArrayList<>();
        RawHost h = withInterrupts(signalled);
        long sq = h.page();
        assertTrue(h.admin(s -> s.command(Opcodes.CREATE_IO_SQ, 0).prp1(sq).cdw(10, 1 | 63 << 16)
                .cdw(11, 1 | 1 << 16)).success());
        h.controller.maskVector(5, true);
        signalled.clear();
        submitFlushes(h, sq, 3, new int[1]);
        h.settle();
        assertTrue(signalled.isEmpty());
        h.controller.maskVector(5, false);
        assertEquals(List.of(5), signalled, "one pending message delivered on unmask");
    }

    /** Four SQs full of commands, a device that holds one command at a time: who is served, in what order? */
    private static List<Integer> serveOrder(boolean weighted, int arbitration, int[] priorities, int perQueue) {
        Distribution slow = new Distribution.Fixed(1000);
        Distribution zero = new Distribution.Fixed(0);
        ControllerConfig c = Hosts.instant().toBuilder().service(new ServiceModel(1, zero, zero, slow, zero, zero,
                zero)).maxIoQueuePairs(8).msixVectors(9).deviceQueueDepth(1).build();
        RawHost h = new RawHost(c, 1);
        long asq = h.allocator.allocContiguous(4096);
        long acq = h.allocator.allocContiguous(4096);
        h.write32(Registers.AQA, Aqa.of(32, 32));
        h.write64(Registers.ASQ, asq);
        h.write64(Registers.ACQ, acq);
        h.write32(Registers.CC, Cc.linux(0, weighted ? 1 : 0).encode());
        h.waitFor(Csts.RDY, Csts.RDY);
        List<Integer> order = new ArrayList<>();
        h.controller.observe(new ControllerObserver() {
            @Override
            public void fetched(int sqid, int cid, int opcode, long now) {
                if (sqid != 0) {
                    order.add(sqid);
                }
            }
        });
        // Admin commands by hand (RawHost's admin helper needs its own rings).
        Sqe e = new Sqe();
        int[] at = {0};
        java.util.function.Consumer<Sqe> send = s -> {
            s.cid(500 + at[0]).writeTo(h.memory, asq + 64L * at[0]);
            at[0]++;
            h.write32(Registers.sqTailDoorbell(0, 0), at[0]);
            h.settle();
        };
        send.accept(e.clear().command(Opcodes.SET_FEATURES, 0).cdw(10, 0x01).cdw(11, arbitration));
        long[] sqs = new long[5];
        for (int q = 1; q <= 4; q++) {
            int qid = q;
            send.accept(e.clear().command(Opcodes.CREATE_IO_CQ, 0).prp1(h.allocator.allocContiguous(4096))
                    .cdw(10, qid | 63 << 16).cdw(11, 1));
            sqs[q] = h.allocator.allocContiguous(4096);
            send.accept(e.clear().command(Opcodes.CREATE_IO_SQ, 0).prp1(sqs[q]).cdw(10, qid | 63 << 16)
                    .cdw(11, 1 | priorities[q - 1] << 1 | qid << 16));
        }
        for (int q = 1; q <= 4; q++) {
            for (int i = 0; i < perQueue; i++) {
                e.clear().command(Opcodes.FLUSH, i + 1).nsid(1).writeTo(h.memory, sqs[q] + 64L * i);
            }
        }
        order.clear();
        for (int q = 1; q <= 4; q++) {
            h.write32(Registers.sqTailDoorbell(q, 0), perQueue);
        }
        h.settle();
        return order;
    }

    @Test
    void roundRobinTakesABurstFromEachQueueInTurn() {
        List<Integer> order = serveOrder(false, 1, new int[] {2, 2, 2, 2}, 4);
        assertEquals(List.of(1, 1, 2, 2, 3, 3, 4, 4, 1, 1, 2, 2, 3, 3, 4, 4), order, "AB = 1: bursts of 2");
    }

    @Test
    void weightedRoundRobinServesUrgentFirstThenByWeight() {
        // Queue 1 urgent, 2 high, 3 medium, 4 low; HPW + 1 = 3, MPW + 1 = 2, LPW + 1 = 1; burst 1.
        int arbitration = 0 | 0 << 8 | 1 << 16 | 2 << 24;
        List<Integer> order = serveOrder(true, arbitration, new int[] {0, 1, 2, 3}, 6);
        assertEquals(List.of(1, 1, 1, 1, 1, 1), order.subList(0, 6), "urgent is strict priority");
        assertEquals(List.of(2, 2, 2, 3, 3, 4, 2, 2, 2, 3, 3, 4), order.subList(6, 18), "3 : 2 : 1 per round");
    }
}
