package org.sysmodels.nvme.model.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The controller's configuration: the ranges NVMe 1.4 gives its CAP fields (MQES 0's based up to FFFFh, MPSMIN ≤
 * MPSMAX), at most 65,535 queue pairs including the admin pair, MDTS in units of the minimum page size, and CAP as
 * the host reads it.
 */
class ControllerConfigTest {

    private static ControllerConfig.Builder b() {
        return ControllerConfig.builder();
    }

    @Test
    void rangesAreCheckedAtTheirEnds() {
        assertEquals(1, b().mqes(1).build().mqes());
        assertEquals(0xffff, b().mqes(0xffff).build().mqes());
        assertThrows(IllegalArgumentException.class, () -> b().mqes(0).build());
        assertThrows(IllegalArgumentException.class, () -> b().mqes(0x10000).build());
        assertEquals(1, b().maxIoQueuePairs(1).build().maxIoQueuePairs());
        assertEquals(0xfffe, b().maxIoQueuePairs(0xfffe).build().maxIoQueuePairs());
        assertThrows(IllegalArgumentException.class, () -> b().maxIoQueuePairs(0).build());
        assertThrows(IllegalArgumentException.class, () -> b().maxIoQueuePairs(0xffff).build());
        assertEquals(2, b().pageSizes(2, 2).build().mpsMin());
        assertThrows(IllegalArgumentException.class, () -> b().pageSizes(3, 2).build());
        assertThrows(IllegalArgumentException.class, () -> b().msixVectors(0).build());
        assertThrows(IllegalArgumentException.class, () -> b().msixVectors(-2).build());
        assertThrows(IllegalArgumentException.class, () -> b().deviceQueueDepth(0).build());
        assertThrows(IllegalArgumentException.class, () -> b().errorLogEntries(0).build());
        assertEquals(1, b().deviceQueueDepth(1).errorLogEntries(1).msixVectors(1).build().msixVectors());
    }

    @Test
    void msixVectorsDefaultToOnePerQueuePairAndSurviveToBuilder() {
        ControllerConfig byDefault = b().maxIoQueuePairs(6).build();
        assertEquals(7, byDefault.msixVectors(), "admin + one per I/O queue pair");
        assertEquals(9, byDefault.toBuilder().maxIoQueuePairs(8).build().msixVectors(),
                "a default count follows the queue pairs");
        ControllerConfig fixed = b().maxIoQueuePairs(6).msixVectors(3).build();
        assertEquals(3, fixed.toBuilder().maxIoQueuePairs(8).build().msixVectors(), "a chosen count stays");
        ControllerConfig same = b().maxIoQueuePairs(6).msixVectors(7).build();
        assertEquals(9, same.toBuilder().maxIoQueuePairs(8).build().msixVectors(),
                "a count equal to the default is the default");
    }

    @Test
    void capIsWhatTheHostReads() {
        ControllerConfig c = b().mqes(1023).dstrd(2).timeout(40).pageSizes(1, 3).wrr(false).nssrSupported(false)
                .build();
        Cap cap = Cap.decode(c.cap().encode());
        assertEquals(1023, cap.mqes());
        assertEquals(2, cap.dstrd());
        assertEquals(40, cap.to());
        assertEquals(1, cap.mpsmin());
        assertEquals(3, cap.mpsmax());
        assertFalse(cap.wrrSupported());
        assertFalse(cap.nssrs());
        assertTrue(cap.cqr(), "contiguous queues required");
        assertEquals(2, c.dstrd());
        assertEquals(40, c.timeout());
        assertEquals(3, c.mpsMax());
        assertFalse(c.wrr());
        assertFalse(c.nssrSupported());
        ControllerConfig d = ControllerConfig.defaults();
        assertTrue(d.wrr());
        assertTrue(d.nssrSupported());
        assertTrue(Cap.decode(d.cap().encode()).wrrSupported());
    }

    @Test
    void mdtsCountsMinimumPages() {
        assertEquals(32L * 4096, b().mdts(5).build().maxTransferBytes(), "2^5 pages of 4 KiB");
        assertEquals(32L * 8192, b().mdts(5).pageSizes(1, 4).build().maxTransferBytes(), "of 8 KiB with MPSMIN 1");
        assertEquals(512L * 4096, b().mdts(0).build().maxTransferBytes(), "no limit: the model caps at 2 MiB");
    }

    @Test
    void timingAndLimitsAreKept() {
        ControllerConfig c = b().timing(11, 22, 33, 44).abortLimit(5).build();
        assertEquals(11, c.readyLatency());
        assertEquals(22, c.resetLatency());
        assertEquals(33, c.shutdownLatency());
        assertEquals(44, c.fetchLatency());
        assertEquals(5, c.abortLimit());
        ControllerConfig again = c.toBuilder().build();
        assertEquals(33, again.shutdownLatency());
        assertEquals(44, again.fetchLatency());
        assertEquals(5, again.abortLimit());
    }
}
