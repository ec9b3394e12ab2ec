package org.sysmodels.nvme.host;

import org.sysmodels.nvme.host.platform.AllocatorObserver;
import org.sysmodels.nvme.host.platform.DmaAllocator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.nvme.model.memory.HostMemory;

class DmaAllocatorTest {

    @Test
    void freedPagesGoToTheBackOfTheQueue() {
        HostMemory m = new HostMemory(64 * 4096);
        DmaAllocator a = new DmaAllocator(m, 8);
        assertFalse(m.isAllocated(0), "frame 0 is never handed out");
        int first = a.allocPage();
        int second = a.allocPage();
        a.freePage(first);
        assertFalse(m.isAllocated(first));
        int third = a.allocPage();
        assertTrue(third != first && third != second, "a freed page is reused as late as possible");
        List<Integer> seen = new ArrayList<>();
        a.observe(new AllocatorObserver() {
            @Override
            public void doubleFree(int pfn, long now) {
                seen.add(pfn);
            }
        }, () -> 0);
        a.freePage(first);
        assertEquals(List.of(first), seen);
        long q = a.allocContiguous(3 * 4096);
        assertEquals(4096, q, "queue memory from frame 1, contiguous");
        assertTrue(m.isAllocated(3));
    }
}
