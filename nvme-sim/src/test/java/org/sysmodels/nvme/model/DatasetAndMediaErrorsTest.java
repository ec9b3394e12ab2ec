package org.sysmodels.nvme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.fault.Fault;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.host.platform.RawHost;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.media.FaultKinds;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * Dataset Management with several ranges (NVMe 1.4 Dataset Management command: 16-byte ranges, NR 0's based,
 * AD = CDW11 bit 2),
 * media errors counted in the SMART log (Figure 196, Media and Data Integrity Errors), and MDTS at its edge (Figure
 * 247: a larger transfer is Invalid Field in Command).
 */
class DatasetAndMediaErrorsTest {

    /** Writes LBA {@code lba} full of {@code value}. */
    private static void fill(RawHost h, long lba, int value, long buf) {
        byte[] b = new byte[4096];
        java.util.Arrays.fill(b, (byte) value);
        h.memory.write(buf, b, 0, b.length);
        assertTrue(h.io(1, s -> s.command(Opcodes.WRITE, 0).nsid(1).prp1(buf).cdw10_11(lba)).success());
    }

    private static int firstByte(RawHost h, long lba, long buf) {
        assertTrue(h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf).cdw10_11(lba)).success());
        return h.memory.read8(buf + 100);
    }

    private static void range(RawHost h, long list, int r, long slba, int blocks) {
        h.memory.write32(list + 16L * r, 0);
        h.memory.write32(list + 16L * r + 4, blocks);
        h.memory.write64(list + 16L * r + 8, slba);
    }

    @Test
    void deallocateSeveralRanges() {
        RawHost h = Hosts.withQueue(16);
        long buf = h.page();
        for (int lba = 0; lba < 10; lba++) {
            fill(h, lba, 0x40 + lba, buf);
        }
        long list = h.page();
        range(h, list, 0, 1, 1);
        range(h, list, 1, 4, 2);
        range(h, list, 2, 8, 1);
        assertTrue(h.io(1, s -> s.command(Opcodes.DATASET_MANAGEMENT, 0).nsid(1).prp1(list).cdw(10, 2))
                .success(), "no attribute: a hint only");
        assertEquals(0x41, firstByte(h, 1, buf));
        assertTrue(h.io(1, s -> s.command(Opcodes.DATASET_MANAGEMENT, 0).nsid(1).prp1(list).cdw(10, 2)
                .cdw(11, 1 << 2)).success());
        int[] expected = {0x40, 0, 0x42, 0x43, 0, 0, 0x46, 0x47, 0, 0x49};
        for (int lba = 0; lba < 10; lba++) {
            assertEquals(expected[lba], firstByte(h, lba, buf), "LBA " + lba);
        }

        fill(h, 1, 0x51, buf);
        range(h, list, 0, 1, 1);
        range(h, list, 1, 1L << 40, 1);
        assertEquals(StatusCode.LBA_OUT_OF_RANGE.dnr(), h.io(1, s -> s.command(Opcodes.DATASET_MANAGEMENT, 0)
                .nsid(1).prp1(list).cdw(10, 1).cdw(11, 1 << 2)).status(), "the second range is out of range");
        assertEquals(0x51, firstByte(h, 1, buf), "so nothing was deallocated");
        long end = h.memory.size() - 16;
        assertEquals(StatusCode.DATA_TRANSFER_ERROR.value(), h.io(1, s -> s.command(Opcodes.DATASET_MANAGEMENT, 0)
                .nsid(1).prp1(end).prp2(h.memory.size()).cdw(10, 1).cdw(11, 1 << 2)).status() & 0x7ff,
                "the second range lies past the end of host memory");
    }

    @Test
    void mediaErrorsAreCounted() {
        RawHost h = new RawHost(Hosts.instant(), 1, Tracer.off(), FaultPlan.of(
                new Fault(FaultKinds.UNRECOVERED_READ_ERROR, "ns1", 0L, null, 1.0, 2L),
                new Fault(FaultKinds.WRITE_FAULT, "ns1", 0L, null, 1.0, 1L)));
        assertTrue(h.enable(32));
        assertTrue(h.createQueuePair(1, 8));
        long buf = h.page();
        assertEquals(StatusCode.UNRECOVERED_READ_ERROR.value(),
                h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf)).status() & 0x7ff);
        assertEquals(StatusCode.UNRECOVERED_READ_ERROR.value(),
                h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf)).status() & 0x7ff);
        assertTrue(h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf)).success(), "the fault fired twice");
        assertEquals(StatusCode.WRITE_FAULT.value(),
                h.io(1, s -> s.command(Opcodes.WRITE, 0).nsid(1).prp1(buf)).status() & 0x7ff);
        assertTrue(h.io(1, s -> s.command(Opcodes.WRITE, 0).nsid(1).prp1(buf)).success());
        long log = h.page();
        assertTrue(h.admin(s -> s.command(Opcodes.GET_LOG_PAGE, 0).prp1(log).cdw(10, 0x02 | 127 << 16)).success());
        assertEquals(3, h.memory.read64(log + 160), "media and data integrity errors");
        assertEquals(1, h.memory.read64(log + 64), "host read commands that succeeded");
        assertEquals(1, h.memory.read64(log + 80), "host write commands that succeeded");
        assertEquals(1, h.memory.read64(log + 48), "data units written: 8 sectors, rounded up");
    }

    @Test
    void mdtsAtItsEdge() {
        RawHost h = new RawHost(Hosts.instant().toBuilder().mdts(1).build(), 1);
        assertTrue(h.enable(32));
        assertTrue(h.createQueuePair(1, 8));
        long a = h.page();
        long b = h.page();
        Cqe two = h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(a).prp2(b).cdw(12, 1));
        assertTrue(two.success(), "2 × 4 KiB = MDTS");
        assertEquals(StatusCode.INVALID_FIELD.dnr(),
                h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(a).prp2(b).cdw(12, 2)).status(),
                "one block more than MDTS");
        assertEquals(StatusCode.INVALID_NAMESPACE.dnr(),
                h.io(1, s -> s.command(Opcodes.READ, 0).nsid(2).prp1(a)).status(), "NSID 2 does not exist");
    }
}
