package org.sysmodels.nvme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sysmodels.nvme.host.platform.RawHost;
import org.sysmodels.nvme.model.command.IdentifyData;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * Get Log Page (NVMe 1.4 §5.14): NUMD split over CDW10/CDW11 and the offset over CDW12/CDW13, the Error Information
 * log (Figure 195: newest entry first, a ring of ELPE + 1 entries, the CQE's phase tag in bit 0 of the status field,
 * Parameter Error Location FFFFh, the NSID), the SMART log's NSID rule and the Firmware Slot Information log (Figure
 * 197).
 */
class LogPagesTest {

    private static Cqe log(RawHost h, int lid, int nsid, long dwords, long offset, long prp1) {
        long numd = dwords - 1;
        return h.admin(s -> s.command(Opcodes.GET_LOG_PAGE, 0).nsid(nsid).prp1(prp1)
                .cdw(10, lid | (int) (numd & 0xffff) << 16).cdw(11, (int) (numd >>> 16))
                .cdw(12, (int) offset).cdw(13, (int) (offset >>> 32)));
    }

    private static Cqe badRead(RawHost h, long lba, long buf) {
        return h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf).cdw10_11(lba));
    }

    @Test
    void errorEntriesNewestFirstInARing() {
        RawHost h = new RawHost(Hosts.instant().toBuilder().errorLogEntries(4).build(), 1);
        assertTrue(h.enable(32));
        assertTrue(h.createQueuePair(1, 16));
        long buf = h.page();
        int[] cids = new int[6];
        for (int i = 0; i < 6; i++) {
            Cqe c = badRead(h, (1L << 40) + i, buf);
            assertEquals(StatusCode.LBA_OUT_OF_RANGE.dnr(), c.status());
            cids[i] = c.cid();
        }
        assertEquals(6, h.controller.errorLogEntries());
        assertEquals(6, h.controller.errors(StatusCode.LBA_OUT_OF_RANGE));
        assertEquals(0, h.controller.errors(StatusCode.INVALID_FIELD));
        long a = h.dirtyPage();
        assertTrue(log(h, 0x01, 0, 64, 0, a).success(), "4 entries of 64 bytes");
        for (int k = 0; k < 4; k++) {
            long o = a + 64L * k;
            int i = 5 - k;
            assertEquals(i + 1, h.memory.read64(o), "error count, newest first");
            assertEquals(1, h.memory.read32(o + 8) & 0xffff, "SQID");
            assertEquals(cids[i], h.memory.read32(o + 8) >>> 16, "CID");
            int status = h.memory.read32(o + 12) & 0xffff;
            assertEquals(StatusCode.LBA_OUT_OF_RANGE.dnr(), status >>> 1);
            assertEquals(1, status & 1, "the phase tag of the CQE: the first pass over CQ 1");
            assertEquals(0xffff, h.memory.read32(o + 12) >>> 16, "parameter error location: not applicable");
            assertEquals((1L << 40) + i, h.memory.read64(o + 16), "LBA");
            assertEquals(1, h.memory.read32(o + 24), "NSID");
        }
        long second = h.dirtyPage();
        assertTrue(log(h, 0x01, 0, 16, 64, second).success(), "from the second entry");
        assertEquals(5, h.memory.read64(second));
        assertEquals(0xffffffff, h.memory.read32(second + 64), "only 64 bytes were asked for");
    }

    @Test
    void numdAndOffsetSpanTwoDwords() {
        RawHost h = Hosts.ready();
        long a = h.page();
        assertEquals(StatusCode.INVALID_FIELD.dnr(), log(h, 0x02, 0, 1L << 16 | 1, 0, a).status(),
                "NUMDU: 65,537 dwords is more than MDTS allows");
        assertEquals(StatusCode.INVALID_FIELD.dnr(), log(h, 0x02, 0, 1, 1L << 32, a).status(),
                "LPOU: an offset of 4 GiB is past the end");
        assertEquals(StatusCode.INVALID_FIELD.dnr(), log(h, 0x02, 0, 1, 2, a).status(), "not dword aligned");
        assertEquals(StatusCode.INVALID_FIELD.dnr(), log(h, 0x02, 0, 1, 512, a).status(), "the end itself");
        assertTrue(log(h, 0x02, 0, 1, 508, a).success(), "the last dword");
        long maxDwords = h.controller.configuration().maxTransferBytes() / 4;
        assertTrue(log(h, 0x02, 0, maxDwords, 0, a).success(), "exactly MDTS");
        assertEquals(StatusCode.INVALID_FIELD.dnr(), log(h, 0x02, 0, maxDwords + 1, 0, a).status());
        assertEquals(StatusCode.INVALID_FIELD.dnr(), log(h, 0x02, 1, 128, 0, a).status(),
                "SMART is controller-wide here: NSID 1 is Invalid Field");
        assertTrue(log(h, 0x02, 0, 128, 0, a).success());
        assertTrue(log(h, 0x02, 0xffff_ffff, 128, 0, a).success());
    }

    @Test
    void firmwareSlotLog() {
        RawHost h = Hosts.withQueue(8);
        long buf = h.page();
        badRead(h, 1L << 40, buf);
        long errors = h.dirtyPage();
        assertTrue(log(h, 0x01, 0, 128, 0, errors).success(), "fills the controller's log buffer");
        long a = h.dirtyPage();
        assertTrue(log(h, 0x03, 0, 128, 0, a).success());
        byte[] d = new byte[512];
        h.memory.read(a, d, 0, 512);
        assertEquals(1, d[0], "AFI: slot 1 active, nothing pending");
        assertEquals(String.format("%-8s", IdentifyData.FIRMWARE_REVISION),
                new String(d, 8, 8, StandardCharsets.US_ASCII), "FRS1");
        for (int i = 1; i < 8; i++) {
            assertEquals(0, d[i]);
        }
        for (int i = 16; i < 512; i++) {
            assertEquals(0, d[i], "byte " + i + ": nothing of the error log is left");
        }
    }
}
