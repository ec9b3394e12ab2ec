package org.sysmodels.irp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where a stop happened, as a finding and the stop's block print it. */
class StopContextTest {

    @Test
    void aDriversRoutineIsNamedWithItsDriverAndDevice() {
        StopContext c = new StopContext("\\Driver\\RamDisk", "\\Device\\RamDisk0", "", 1, Irql.DISPATCH_LEVEL, "DPC",
                0);
        assertEquals("\\Driver\\RamDisk, \\Device\\RamDisk0, DPC on CPU 1 at DISPATCH_LEVEL", c.where());
    }

    @Test
    void outsideAnyDriversRoutineTheStopIsTheIoManagers() {
        StopContext c = new StopContext("", "", "", 3, Irql.DISPATCH_LEVEL, "", 0);
        assertEquals("the I/O manager on CPU 3 at DISPATCH_LEVEL", c.where());
    }
}
