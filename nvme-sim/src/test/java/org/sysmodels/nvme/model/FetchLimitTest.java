package org.sysmodels.nvme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.nvme.host.platform.RawHost;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.media.ServiceModel;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.register.ControllerConfig;

/**
 * Issue 9: the controller fetches only what its internal resources hold (NVMe 1.4 Command Arbitration, §4.11 in
 * 1.3: a command is fetched when
 * arbitration picks its queue and the controller can take it), so I/O beyond the device queue depth stays in the SQ
 * and SQHD does not pass it; admin commands have contexts of their own and still run while I/O fills the device.
 */
class FetchLimitTest {

    private static RawHost slowDevice(int depth) {
        Distribution slow = new Distribution.Fixed(1_000_000);
        Distribution zero = new Distribution.Fixed(0);
        ControllerConfig c = Hosts.instant().toBuilder().service(new ServiceModel(1, slow, zero, zero, zero, zero,
                zero)).deviceQueueDepth(depth).build();
        RawHost h = new RawHost(c, 1);
        assertTrue(h.enable(32));
        assertTrue(h.createQueuePair(1, 16));
        return h;
    }

    @Test
    void ioBeyondTheDeviceQueueDepthWaitsUnfetchedInItsSq() {
        RawHost h = slowDevice(2);
        long buf = h.page();
        for (int i = 0; i < 6; i++) {
            h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        }
        h.ringSq(1);
        h.advance(100_000);
        assertEquals(2, h.controller.commandsInside(), "two contexts for I/O: four entries stay in the SQ");

        Cqe features = h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).cdw(10, 0x07));
        assertTrue(features.success(), "an admin command is fetched although I/O fills the device");
        assertEquals(2, h.controller.commandsInside());

        List<Cqe> done = new ArrayList<>();
        for (int step = 0; step < 1000 && done.size() < 6; step++) {
            h.advance(100_000);
            done.addAll(h.reap(1));
        }
        assertEquals(6, done.size());
        assertTrue(done.get(0).sqhd() <= 3, "SQHD of the first completion: the SQ head had not passed the waiting "
                + "entries, was " + done.get(0).sqhd());
        assertEquals(6, done.get(5).sqhd(), "all fetched in the end");
    }

    @Test
    void heldAsyncEventRequestsDoNotTakeIoContexts() {
        RawHost h = slowDevice(2);
        for (int i = 0; i < 4; i++) {
            h.put(0, s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0));
        }
        h.ringSq(0);
        h.settle();
        long buf = h.page();
        for (int i = 0; i < 3; i++) {
            h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        }
        h.ringSq(1);
        h.advance(100_000);
        assertEquals(4 + 2, h.controller.commandsInside(), "four held AERs and the device queue depth of I/O");
        Cqe abort = h.admin(s -> s.command(Opcodes.ABORT, 0).cdw(10, 1 | 0xffff << 16));
        assertTrue(abort.success(), "ACL + 1 Aborts fit beside AERL + 1 AERs");
    }
}
