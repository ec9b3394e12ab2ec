package org.sysmodels.nvme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.nvme.host.platform.RawHost;
import org.sysmodels.nvme.model.command.IdentifyData;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.media.NamespaceSpec;
import org.sysmodels.nvme.model.register.ControllerConfig;

/**
 * Every field the controller fills in Identify (NVMe 1.4 Figure 247 Identify Controller, Figure 245 Identify
 * Namespace, Figure 248 Namespace Identification Descriptor, CNS 02h Active Namespace ID list) and the SMART / Health
 * Information log (Figure 196), read into host pages filled with 0xFF first so a byte the controller forgets to write
 * shows up; and the structures of one command never leak into the next.
 */
class IdentifyAndLogsTest {

    private static byte[] page(RawHost h, long a, int len) {
        byte[] b = new byte[len];
        h.memory.read(a, b, 0, len);
        return b;
    }

    private static String ascii(byte[] b, int at, int len) {
        return new String(b, at, len, StandardCharsets.US_ASCII);
    }

    private static RawHost threeNamespaces() {
        ControllerConfig c = Hosts.instant().withNamespaces(List.of(new NamespaceSpec(1, 512, 1 << 16),
                new NamespaceSpec(2, 4096, 1 << 10), new NamespaceSpec(5, 4096, 1 << 8)));
        RawHost h = new RawHost(c, 1);
        assertTrue(h.enable(32));
        return h;
    }

    @Test
    void identifyControllerFillsEveryFieldAndPadsStringsWithSpaces() {
        RawHost h = threeNamespaces();
        long a = h.dirtyPage();
        assertTrue(h.admin(s -> s.command(Opcodes.IDENTIFY, 0).prp1(a).cdw(10, 1)).success());
        byte[] d = page(h, a, 4096);
        assertEquals(0x5359, IdentifyData.le(d, IdentifyData.VID, 2), "PCI vendor ID");
        assertEquals(0x5359, IdentifyData.le(d, 2, 2), "subsystem vendor ID");
        assertEquals("SYSMODELS0001       ", ascii(d, IdentifyData.SN, 20));
        assertEquals(String.format("%-40s", "sysmodels nvme-sim controller"), ascii(d, IdentifyData.MN, 40));
        assertEquals(String.format("%-8s", IdentifyData.FIRMWARE_REVISION), ascii(d, IdentifyData.FR, 8));
        assertEquals(1, IdentifyData.le(d, IdentifyData.CNTLID, 2));
        assertEquals(IdentifyData.VERSION, IdentifyData.le(d, IdentifyData.VER, 4));
        assertEquals(ControllerConfig.defaults().errorLogEntries() - 1, d[IdentifyData.ELPE] & 0xff,
                "ELPE is 0's based");
        assertEquals(IdentifyData.IO_CONTROLLER, d[IdentifyData.CNTRLTYPE]);
        assertEquals(IdentifyData.WCTEMP_KELVINS, IdentifyData.le(d, IdentifyData.WCTEMP, 2));
        assertEquals(IdentifyData.CCTEMP_KELVINS, IdentifyData.le(d, IdentifyData.CCTEMP, 2));
        assertEquals(5, IdentifyData.le(d, IdentifyData.NN, 4), "NN: the highest NSID, not the count of namespaces");
        String nqn = "nqn.2026-01.org.sysmodels:nvme-sim";
        assertEquals(String.format("%-256s", nqn), ascii(d, IdentifyData.SUBNQN, 256));
        assertEquals(IdentifyData.PS0_MAX_POWER, IdentifyData.le(d, IdentifyData.PSD0, 2));
        assertEquals(0, d[IdentifyData.OAES] | d[100] | d[IdentifyData.VWC] | d[4095], "reserved and unset bytes");
        assertEquals(0x0102_0304_0506_0708L, IdentifyData.le(new byte[] {8, 7, 6, 5, 4, 3, 2, 1}, 0, 8));
    }

    @Test
    void namespaceStructuresDoNotInheritTheControllerStructure() {
        RawHost h = threeNamespaces();
        long ctrl = h.dirtyPage();
        assertTrue(h.admin(s -> s.command(Opcodes.IDENTIFY, 0).prp1(ctrl).cdw(10, 1)).success());

        long ns = h.dirtyPage();
        assertTrue(h.admin(s -> s.command(Opcodes.IDENTIFY, 0).nsid(2).prp1(ns).cdw(10, 0)).success());
        byte[] d = page(h, ns, 4096);
        assertEquals(1 << 10, IdentifyData.le(d, IdentifyData.NSZE, 8));
        assertEquals(1 << 10, IdentifyData.le(d, IdentifyData.NCAP, 8), "fully provisioned: NCAP = NSZE");
        assertEquals(1 << 10, IdentifyData.le(d, IdentifyData.NUSE, 8));
        assertEquals("SYSMODEL", ascii(d, IdentifyData.NGUID, 8));
        assertEquals(2L << 56, IdentifyData.le(d, IdentifyData.NGUID + 8, 8), "four zero bytes, NSID 2 big-endian");
        assertEquals(0, d[IdentifyData.SN] | d[IdentifyData.MN] | d[IdentifyData.SUBNQN] | d[IdentifyData.PSD0],
                "nothing of Identify Controller is left");

        long ids = h.dirtyPage();
        assertTrue(h.admin(s -> s.command(Opcodes.IDENTIFY, 0).nsid(5).prp1(ids).cdw(10, 3)).success());
        byte[] desc = page(h, ids, 4096);
        assertEquals(IdentifyData.NIDT_NGUID, desc[0]);
        assertEquals(IdentifyData.NIDL_NGUID, desc[1]);
        assertEquals("SYSMODEL", ascii(desc, 4, 8));
        byte[] tail = {0, 0, 0, 0, 0, 0, 0, 5};
        for (int i = 0; i < 8; i++) {
            assertEquals(tail[i], desc[12 + i], "NGUID byte " + (8 + i) + ": zeros then the NSID big-endian");
        }
        assertEquals(0, desc[20] | desc[IdentifyData.NCAP + 16] | desc[IdentifyData.NSZE + 100], "zero after");

        long list = h.dirtyPage();
        assertTrue(h.admin(s -> s.command(Opcodes.IDENTIFY, 0).nsid(0).prp1(list).cdw(10, 2)).success());
        byte[] l = page(h, list, 4096);
        assertEquals(1, IdentifyData.le(l, 0, 4));
        assertEquals(2, IdentifyData.le(l, 4, 4));
        assertEquals(5, IdentifyData.le(l, 8, 4));
        assertEquals(0, IdentifyData.le(l, 12, 4), "zero-terminated");
        assertEquals(0, l[IdentifyData.NGUID] | l[4095], "nothing of the descriptor list is left");

        assertTrue(h.admin(s -> s.command(Opcodes.IDENTIFY, 0).nsid(2).prp1(list).cdw(10, 2)).success());
        l = page(h, list, 4096);
        assertEquals(5, IdentifyData.le(l, 0, 4), "only NSIDs greater than 2");
        assertEquals(0, IdentifyData.le(l, 4, 4));
        assertTrue(h.admin(s -> s.command(Opcodes.IDENTIFY, 0).nsid(1).prp1(list).cdw(10, 2)).success());
        l = page(h, list, 4096);
        assertEquals(2, IdentifyData.le(l, 0, 4), "NSID 1 itself is not listed");
        assertEquals(5, IdentifyData.le(l, 4, 4));
    }

    @Test
    void smartHealthCountsWritesInThousandsOfSectorsRoundedUp() {
        RawHost h = threeNamespaces();
        assertTrue(h.createQueuePair(1, 8));
        long ctrl = h.dirtyPage();
        assertTrue(h.admin(s -> s.command(Opcodes.IDENTIFY, 0).prp1(ctrl).cdw(10, 1)).success());
        long buf = h.page();
        // One 512-byte block on namespace 1: one data unit (1000 × 512 bytes, rounded up).
        assertTrue(h.io(1, s -> s.command(Opcodes.WRITE, 0).nsid(1).prp1(buf)).success());
        h.advance(2 * 3_600_000_000_000L + 5);
        long log = h.dirtyPage();
        assertTrue(h.admin(s -> s.command(Opcodes.GET_LOG_PAGE, 0).nsid(0xffff_ffff).prp1(log)
                .cdw(10, 0x02 | 127 << 16)).success());
        byte[] d = page(h, log, 512);
        assertEquals(0, d[0], "no critical warning");
        assertEquals(313, IdentifyData.le(d, 1, 2), "composite temperature in kelvins");
        assertEquals(100, d[3], "available spare");
        assertEquals(10, d[4], "available spare threshold");
        assertEquals(0, IdentifyData.le(d, 32, 8), "data units read");
        assertEquals(1, IdentifyData.le(d, 48, 8), "data units written: one sector, rounded up to 1");
        assertEquals(0, IdentifyData.le(d, 64, 8));
        assertEquals(1, IdentifyData.le(d, 80, 8), "host write commands");
        assertEquals(0, IdentifyData.le(d, 96, 8), "controller busy time: well under a minute");
        assertEquals(1, IdentifyData.le(d, 112, 8), "power cycles");
        assertEquals(2, IdentifyData.le(d, 128, 8), "power-on hours");
        assertEquals(0, IdentifyData.le(d, 144, 8), "unsafe shutdowns");
        assertEquals(0, IdentifyData.le(d, 160, 8), "media errors");
        assertEquals(0, IdentifyData.le(d, 176, 8), "error log entries");
        for (int i = 5; i < 32; i++) {
            assertEquals(0, d[i], "byte " + i + ": nothing of the Identify data is left");
        }
        for (int i = 184; i < 512; i++) {
            assertEquals(0, d[i], "byte " + i);
        }
    }
}
