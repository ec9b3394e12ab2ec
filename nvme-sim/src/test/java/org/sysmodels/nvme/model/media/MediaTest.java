package org.sysmodels.nvme.model.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.random.Distribution;

/**
 * The device's internal units, a namespace's LBA range (NVMe 1.4 §6: LBA Out of Range when SLBA + NLB passes NSZE)
 * and the link's transfer time.
 */
class MediaTest {

    @Test
    void unitsAreTakenLowestFirstAndAllFreedByAReset() {
        ServiceUnits u = new ServiceUnits(3);
        assertEquals(0, u.busy());
        assertFalse(u.allBusy());
        assertEquals(0, u.acquire(0));
        assertEquals(1, u.acquire(0));
        assertEquals(2, u.busy());
        assertFalse(u.allBusy());
        assertEquals(2, u.acquire(10));
        assertTrue(u.allBusy());
        assertEquals(-1, u.acquire(10));
        u.release(1, 100);
        assertEquals(1, u.acquire(100), "the freed unit");
        assertEquals(100 + 100 + 90 + 0, u.busyTime(100), "units 0 and 1 since 0 (1 freed at 100), 2 since 10");
        u.reset();
        assertEquals(0, u.busy());
        assertEquals(0, u.acquire(200), "lowest first again");
        assertEquals(1, u.acquire(200));
        assertEquals(2, u.acquire(200));
    }

    @Test
    void namespaceRangeEndsAtNsze() {
        Namespace ns = new Namespace(new NamespaceSpec(1, 4096, 100));
        assertEquals(4096, ns.lbaSize());
        assertTrue(ns.inRange(0, 100));
        assertTrue(ns.inRange(99, 1));
        assertTrue(ns.inRange(100, 0));
        assertFalse(ns.inRange(100, 1));
        assertFalse(ns.inRange(99, 2));
        assertFalse(ns.inRange(101, 0));
        assertFalse(ns.inRange(-1, 1));
        assertFalse(ns.inRange(0, -1));
        assertEquals(1, new NamespaceSpec(1, 512, 1).blocks());
        assertThrows(IllegalArgumentException.class, () -> new NamespaceSpec(1, 512, 0));
    }

    @Test
    void transferTimeAndFaultTargets() {
        Distribution z = new Distribution.Fixed(0);
        assertEquals(0, new ServiceModel(1, z, z, z, z, z, z, 0).transferTime(4096), "no link limit");
        assertEquals(10_000, new ServiceModel(1, z, z, z, z, z, z, 409_600_000L).transferTime(4096));
        assertEquals(1, new ServiceModel(1, z, z, z, z, z, z, 3_000_000_000L).transferTime(1), "rounded up");
        assertEquals("ns0", FaultKinds.target(0));
        assertEquals("ns63", FaultKinds.target(63));
        assertEquals("ns64", FaultKinds.target(64));
        assertEquals("ns1000", FaultKinds.target(1000));
    }
}
