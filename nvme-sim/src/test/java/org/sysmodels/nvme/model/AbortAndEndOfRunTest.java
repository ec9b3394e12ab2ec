package org.sysmodels.nvme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.trace.TraceEvent;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.host.platform.RawHost;
import org.sysmodels.nvme.model.command.AsyncEvent;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.media.ServiceModel;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * Abort of commands that wait for a unit (NVMe 1.4 §5.1: the aborted command completes with Command Abort Requested;
 * the others keep their FIFO order), the async slices a trace closes at the end of a run for commands still inside,
 * and the words an Asynchronous Event's Dword 0 is described with (§5.2.1, Figures 143–145).
 */
class AbortAndEndOfRunTest {

    private static final Distribution ZERO = new Distribution.Fixed(0);

    private static RawHost oneSlowUnit(Tracer t) {
        RawHost h = new RawHost(Hosts.instant().withService(new ServiceModel(1, new Distribution.Fixed(100_000), ZERO,
                ZERO, ZERO, ZERO, ZERO)), 1, t, FaultPlan.none());
        assertTrue(h.enable(32));
        assertTrue(h.createQueuePair(1, 16));
        return h;
    }

    @Test
    void abortingWaitingCommandsKeepsTheOthersInOrder() {
        RawHost h = oneSlowUnit(Tracer.off());
        long buf = h.page();
        List<Integer> cids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cids.add(h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf)));
        }
        h.ringSq(1);
        h.advance(1_000);
        for (int k : new int[] {4, 2}) {
            int cid = cids.get(k);
            Cqe abort = h.admin(s -> s.command(Opcodes.ABORT, 0).cdw(10, 1 | cid << 16));
            assertEquals(0, abort.dw0() & 1, "command " + k + " was waiting for the unit: aborted");
        }
        h.advance(1_000_000);
        List<Cqe> got = h.reap(1);
        List<Integer> order = got.stream().map(Cqe::cid).toList();
        assertEquals(List.of(cids.get(4), cids.get(2), cids.get(0), cids.get(1), cids.get(3)), order);
        assertEquals(StatusCode.ABORT_REQUESTED.value(), got.get(0).status());
        assertEquals(StatusCode.ABORT_REQUESTED.value(), got.get(1).status());
        assertTrue(got.get(2).success() && got.get(3).success() && got.get(4).success());
    }

    @Test
    void theEndOfARunClosesTheSlicesOfCommandsStillInside() {
        Tracer t = Tracer.recording("t");
        RawHost h = oneSlowUnit(t);
        long buf = h.page();
        h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        h.ringSq(1);
        h.advance(150_000);
        h.controller.endOfRun();
        List<TraceEvent> events = t.log().events();
        long begins = events.stream().filter(e -> e instanceof TraceEvent.AsyncBegin).count();
        long ends = events.stream().filter(e -> e instanceof TraceEvent.AsyncEnd).count();
        assertEquals(begins, ends, "every command slice is closed");
        TraceEvent last = events.get(events.size() - 1);
        assertTrue(last instanceof TraceEvent.AsyncEnd, last.toString());
        assertEquals(h.scheduler.now(), last.ts(), "closed at the end of the run");
        h.controller.endOfRun();
        assertEquals(events.size(), t.log().events().size(), "closed once");
    }

    @Test
    void asyncEventDescriptions() {
        assertEquals("Error: Write to Invalid Doorbell Register", AsyncEvent.describe(
                AsyncEvent.dw0(AsyncEvent.TYPE_ERROR, AsyncEvent.INVALID_DOORBELL_REGISTER, 1)));
        assertEquals("Error: Invalid Doorbell Write Value", AsyncEvent.describe(
                AsyncEvent.dw0(AsyncEvent.TYPE_ERROR, AsyncEvent.INVALID_DOORBELL_VALUE, 1)));
        assertEquals("Error: info 5h", AsyncEvent.describe(AsyncEvent.dw0(AsyncEvent.TYPE_ERROR, 5, 1)));
        assertEquals("SMART / Health: Temperature Threshold", AsyncEvent.describe(
                AsyncEvent.dw0(AsyncEvent.TYPE_SMART, AsyncEvent.TEMPERATURE_THRESHOLD, 2)));
        assertEquals("SMART / Health: info 2h", AsyncEvent.describe(AsyncEvent.dw0(AsyncEvent.TYPE_SMART, 2, 2)));
        assertEquals("event type 2, info 0h", AsyncEvent.describe(AsyncEvent.dw0(2, 0, 3)));
    }
}
