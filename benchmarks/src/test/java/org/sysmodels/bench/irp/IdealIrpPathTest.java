package org.sysmodels.bench.irp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The measuring stick does the work it claims: each read goes down both drivers, the RAM disk completes it, the
 * filter's completion routine runs once and sees the 512 bytes, the packet leaves the thread's list and goes back to
 * the lookaside list (one packet serves every read), and the walk leaves CurrentLocation at StackCount + 2.
 */
class IdealIrpPathTest {

    @Test
    void everyReadCompletesThroughTheFilterAndReusesOnePacket() {
        IdealIrpPath p = new IdealIrpPath();
        for (int i = 0; i < 1_000; i++) {
            assertEquals(0, p.read());
        }
        assertEquals(1_000, p.finished);
        IdealIrpPath.FilterDev filter = (IdealIrpPath.FilterDev) p.top();
        assertEquals(1_000, filter.reads);
        assertEquals(512L * 1_000, filter.bytes);
        IdealIrpPath.Irp irp = p.lookaside();
        assertNull(irp.next, "one packet serves every read");
        assertEquals(irp.stackCount + 2, irp.current);
        assertNull(irp.stack[1].file, "IopClearStackLocation cleared the locations the walk passed");
    }
}
