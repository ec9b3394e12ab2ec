package org.sysmodels.nvme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.nvme.host.platform.RawHost;
import org.sysmodels.nvme.model.command.ControllerObserver;
import org.sysmodels.nvme.model.command.IdentifyData;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.media.ServiceModel;
import org.sysmodels.nvme.model.status.Status;

/**
 * When commands complete under the {@link ServiceModel}: admin commands take the admin time and occupy no unit, I/O
 * waits FIFO for one of the units, a limited link moves Read and Write data one transfer at a time after the media
 * time, unit busy time shows in the utilisation and in the SMART log's Controller Busy Time (NVMe 1.4 Figure 196, in
 * minutes), and a controller reset frees every unit.
 */
class ServiceTimingTest {

    private static final Distribution ZERO = new Distribution.Fixed(0);

    /** CQE postings as "cid@ns" relative to the start. */
    private static final class Posted implements ControllerObserver {
        final List<Long> at = new ArrayList<>();
        final List<Integer> cids = new ArrayList<>();

        @Override
        public void posted(int cqid, int sqid, int cid, int status, long now) {
            if (status == Status.SUCCESS) {
                at.add(now);
                cids.add(cid);
            }
        }
    }

    private static RawHost host(ServiceModel m) {
        RawHost h = new RawHost(Hosts.instant().withService(m), 1);
        assertTrue(h.enable(32));
        assertTrue(h.createQueuePair(1, 16));
        return h;
    }

    @Test
    void adminCommandsTakeTheAdminTime() {
        RawHost h = host(new ServiceModel(1, ZERO, ZERO, ZERO, ZERO, ZERO, new Distribution.Fixed(30_000)));
        Posted p = new Posted();
        h.controller.observe(p);
        long page = h.page();
        long t0 = h.scheduler.now();
        h.put(0, s -> s.command(Opcodes.IDENTIFY, 0).prp1(page).cdw(10, 1));
        h.put(0, s -> s.command(Opcodes.IDENTIFY, 0).prp1(page).cdw(10, 1));
        h.ringSq(0);
        h.settle();
        assertEquals(List.of(t0 + 30_000, t0 + 30_000), p.at, "admin commands run side by side, no unit needed");
        assertEquals(IdentifyData.VERSION, h.memory.read32(page + IdentifyData.VER), "and they did execute");
    }

    @Test
    void ioWaitsFifoForAUnitAndTheLinkCarriesOneTransferAtATime() {
        // One unit, 10 µs per Read; a link of 409.6 MB/s moves 4 KiB in 10 µs.
        RawHost h = host(new ServiceModel(1, new Distribution.Fixed(10_000), ZERO, new Distribution.Fixed(10_000),
                ZERO, ZERO, ZERO, 409_600_000L));
        Posted p = new Posted();
        h.controller.observe(p);
        long buf = h.page();
        long t0 = h.scheduler.now();
        int a = h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        int b = h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        int f = h.put(1, s -> s.command(Opcodes.FLUSH, 0).nsid(1));
        h.ringSq(1);
        h.advance(5_000);
        assertEquals(1.0, h.controller.unitUtilisation() * h.scheduler.now() / 5_000.0, 1e-9,
                "the one unit has been busy for the 5 µs since the doorbell");
        h.settle();
        // a: unit 0–10, link 10–20. b: unit 10–20, link 20–30. Flush: unit 20–30, no data to move.
        assertEquals(List.of(a, b, f), p.cids);
        assertEquals(List.of(t0 + 20_000, t0 + 30_000, t0 + 30_000), p.at);
        assertEquals(30_000.0 / h.scheduler.now(), h.controller.unitUtilisation(), 1e-12,
                "busy 30 µs in total; the link time does not hold the unit");
    }

    @Test
    void writesCrossTheLinkToo() {
        RawHost h = host(new ServiceModel(2, ZERO, new Distribution.Fixed(1_000), ZERO, ZERO, ZERO, ZERO,
                409_600_000L));
        Posted p = new Posted();
        h.controller.observe(p);
        long buf = h.page();
        long t0 = h.scheduler.now();
        h.put(1, s -> s.command(Opcodes.WRITE, 0).nsid(1).prp1(buf));
        h.put(1, s -> s.command(Opcodes.WRITE, 0).nsid(1).prp1(buf).cdw10_11(1));
        h.ringSq(1);
        h.settle();
        assertEquals(List.of(t0 + 11_000, t0 + 21_000), p.at, "both units done at 1 µs, then the link in turn");
        assertEquals(2_000.0 / (2.0 * h.scheduler.now()), h.controller.unitUtilisation(), 1e-12,
                "1 µs on each of two units");
    }

    @Test
    void busyTimeIsReportedInMinutes() {
        RawHost h = host(new ServiceModel(1, new Distribution.Fixed(61_000_000_000L), ZERO, ZERO, ZERO, ZERO, ZERO));
        long buf = h.page();
        h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        h.ringSq(1);
        h.advance(62_000_000_000L);
        assertEquals(1, h.reap(1).size());
        long log = h.page();
        assertTrue(h.admin(s -> s.command(Opcodes.GET_LOG_PAGE, 0).prp1(log).cdw(10, 0x02 | 127 << 16)).success());
        assertEquals(1, h.memory.read64(log + 96), "61 s busy is one whole minute");
    }

    @Test
    void aResetFreesEveryUnitAndForgetsTheWaitingCommands() {
        RawHost h = host(new ServiceModel(1, new Distribution.Fixed(100_000), ZERO, ZERO, ZERO, ZERO, ZERO));
        long buf = h.page();
        for (int i = 0; i < 3; i++) {
            h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        }
        h.ringSq(1);
        h.advance(50_000);
        assertEquals(3, h.controller.commandsInside());
        assertTrue(h.disable());
        assertEquals(0, h.controller.commandsInside(), "a reset drops every command");
        assertTrue(h.enable(32));
        assertTrue(h.createQueuePair(1, 16));
        Posted p = new Posted();
        h.controller.observe(p);
        long t0 = h.scheduler.now();
        int cid = h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        h.ringSq(1);
        h.settle();
        assertEquals(List.of(cid), p.cids, "none of the commands from before the reset comes back");
        assertEquals(List.of(t0 + 100_000), p.at, "the unit is free at once");
    }
}
