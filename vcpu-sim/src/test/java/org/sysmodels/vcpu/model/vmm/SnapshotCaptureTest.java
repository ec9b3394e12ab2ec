package org.sysmodels.vcpu.model.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;
import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * {@link SnapshotCapture}'s memory image: a Full snapshot holds every page; a Diff the pages written since the last
 * snapshot (the dirty log), or with dirty tracking off every page ever written (Firecracker's mincore fallback).
 */
class SnapshotCaptureTest {

    static final int PAGES = 100;

    @Test
    void fullHoldsEveryPage_diffThePagesItShould() {
        Props.property(200).forAll(booleans().all(), lists().of(integers().between(0, PAGES - 1)).ofSizeBetween(0, 20),
                lists().of(integers().between(0, PAGES - 1)).ofSizeBetween(0, 20)).checkAssert((tracking, before,
                        after) -> {
                    GuestMemory mem = new GuestMemory((long) PAGES * GuestMemory.PAGE_SIZE);
                    mem.trackDirtyPages(tracking);
                    write(mem, before);
                    SnapshotCapture.image(mem, true); // the Full snapshot: takes the log
                    write(mem, after);
                    BitSet expected = new BitSet();
                    (tracking ? after : union(before, after)).forEach(expected::set);
                    assertEquals(expected, SnapshotCapture.image(mem, false).present(),
                            "tracking " + tracking + ", written " + before + " then " + after);
                    BitSet all = new BitSet();
                    all.set(0, PAGES);
                    assertEquals(all, SnapshotCapture.image(mem, true).present());
                });
    }

    static void write(GuestMemory mem, List<Integer> pages) {
        for (int page : pages) {
            mem.write(GuestMemory.DRAM_START + (long) page * GuestMemory.PAGE_SIZE + 8, 8, page + 1);
        }
    }

    static List<Integer> union(List<Integer> a, List<Integer> b) {
        List<Integer> u = new java.util.ArrayList<>(a);
        u.addAll(b);
        return u;
    }
}
