package org.sysmodels.nvme.model.memory;

import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.memory.Prp;
import org.sysmodels.nvme.model.memory.Segments;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** PRP1/PRP2 and PRP lists (NVMe 1.4 §4.3): offsets, page crossings, lists, chained lists, and their errors. */
class PrpTest {

    private final HostMemory m = new HostMemory(1 << 22);
    private final Segments s = new Segments(64);

    private int walk(long prp1, long prp2, long len) {
        return Prp.walk(m.dma(), prp1, prp2, len, 4096, s);
    }

    @Test
    void withinOnePageOnlyPrp1Counts() {
        assertEquals(Status.SUCCESS, walk(0x1000, 0xdead_beef, 4096));
        assertEquals(1, s.count());
        assertEquals(Status.SUCCESS, walk(0x1200, 0x3, 512), "PRP2 unused, even when misaligned");
        assertEquals(0x1200, s.address(0));
        assertEquals(512, s.length(0));
        assertEquals(Status.SUCCESS, walk(0x1000, 0, 0), "no data");
        assertEquals(0, s.count());
    }

    @Test
    void anOffsetInPrp1CrossesIntoPrp2() {
        assertEquals(Status.SUCCESS, walk(0x1800, 0x5000, 4096));
        assertEquals(2, s.count());
        assertEquals(2048, s.length(0));
        assertEquals(0x5000, s.address(1));
        assertEquals(2048, s.length(1));
        assertEquals(StatusCode.INVALID_PRP_OFFSET.dnr(), walk(0x1800, 0x5010, 4096), "PRP2 must be page aligned");
        assertEquals(StatusCode.INVALID_PRP_OFFSET.dnr(), walk(0x1802, 0x5000, 4096), "PRP1 must be dword aligned");
        assertEquals(Status.SUCCESS, walk(0x1004, 0x5000, 100), "a dword offset is fine");
    }

    @Test
    void morePagesNeedAList() {
        long list = 0x10_0000;
        for (int i = 0; i < 4; i++) {
            m.write64(list + 8L * i, 0x2_0000L + 0x1000L * i);
        }
        assertEquals(Status.SUCCESS, walk(0x1000, list, 5 * 4096));
        assertEquals(5, s.count());
        assertEquals(0x2_3000, s.address(4));
        assertEquals(Status.SUCCESS, walk(0x1c00, list, 4 * 4096), "an offset in PRP1 shortens the first page");
        assertEquals(5, s.count());
        assertEquals(1024, s.length(0));
        assertEquals(3072, s.length(4), "and the last");
        m.write64(list + 8, 0x2_1008L);
        assertEquals(StatusCode.INVALID_PRP_OFFSET.dnr(), walk(0x1000, list, 5 * 4096), "list entries: no offsets");
        assertEquals(StatusCode.INVALID_PRP_OFFSET.dnr(), walk(0x1000, list + 4, 5 * 4096), "list must be qword aligned");
        assertEquals(StatusCode.DATA_TRANSFER_ERROR.value(), walk(0x1000, 1L << 40, 5 * 4096), "list outside memory");
    }

    @Test
    void aListStartingLateInItsPageChainsFromItsLastEntry() {
        long first = 0x10_0ff0;
        long next = 0x20_0000;
        m.write64(first, 0x3_0000);
        m.write64(first + 8, next);
        for (int i = 0; i < 3; i++) {
            m.write64(next + 8L * i, 0x4_0000L + 0x1000L * i);
        }
        assertEquals(Status.SUCCESS, walk(0x1000, first, 5 * 4096));
        assertEquals(5, s.count());
        assertEquals(0x3_0000, s.address(1));
        assertEquals(0x4_0000, s.address(2), "after the chain pointer");
        assertEquals(0x4_2000, s.address(4));
        m.write64(first + 8, next + 4);
        assertEquals(StatusCode.INVALID_PRP_OFFSET.dnr(), walk(0x1000, first, 5 * 4096), "chain pointer misaligned");
    }

    @Test
    void theLastEntryOfAPageIsDataWhenNoMoreIsNeeded() {
        long list = 0x10_0ff0;
        m.write64(list, 0x3_0000);
        m.write64(list + 8, 0x5_0000);
        assertEquals(Status.SUCCESS, walk(0x1000, list, 3 * 4096));
        assertEquals(3, s.count());
        assertEquals(0x5_0000, s.address(2), "two entries fit, no chain");
    }

    @Test
    void listEntriesCount() {
        assertEquals(0, Prp.listEntries(0, 4096, 4096));
        assertEquals(1, Prp.listEntries(0, 8192, 4096));
        assertEquals(2, Prp.listEntries(2048, 8192, 4096));
    }
}
