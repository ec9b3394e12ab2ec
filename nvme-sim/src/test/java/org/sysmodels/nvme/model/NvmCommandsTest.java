package org.sysmodels.nvme.model;

import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.media.NamespaceSpec;
import org.sysmodels.nvme.model.media.ServiceModel;
import org.sysmodels.nvme.model.memory.Blocks;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.register.ControllerConfig;
import org.sysmodels.nvme.model.status.StatusCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.sysmodels.nvme.host.platform.RawHost;

/** Read, Write, Flush, Write Zeroes and Dataset Management on 512-byte and 4 KiB namespaces, and their errors. */
class NvmCommandsTest {

    private static RawHost host(int lbaSize) {
        ControllerConfig c = Hosts.instant().withNamespaces(List.of(new NamespaceSpec(1, lbaSize, 4096),
                new NamespaceSpec(3, 4096, 64)));
        RawHost h = new RawHost(c, 1);
        h.enable(32);
        h.createQueuePair(1, 16);
        return h;
    }

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void writeThenReadReturnsTheData(int lbaSize) {
        RawHost h = host(lbaSize);
        long src = h.page();
        long src2 = h.page();
        byte[] data = pattern(8192, lbaSize);
        h.memory.write(src, data, 0, 4096);
        h.memory.write(src2, data, 4096, 4096);
        int blocks = 8192 / lbaSize;
        assertTrue(h.io(1, s -> s.command(Opcodes.WRITE, 0).nsid(1).prp1(src).prp2(src2).cdw10_11(3)
                .cdw(12, blocks - 1)).success());
        long dst = h.page();
        long dst2 = h.page();
        assertTrue(h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(dst).prp2(dst2).cdw10_11(3)
                .cdw(12, blocks - 1)).success());
        byte[] back = new byte[8192];
        h.memory.read(dst, back, 0, 4096);
        h.memory.read(dst2, back, 4096, 4096);
        assertArrayEquals(data, back);
        // Part of it, shifted by one LBA.
        long one = h.page();
        assertTrue(h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(one).cdw10_11(4)).success());
        byte[] part = new byte[lbaSize];
        h.memory.read(one, part, 0, lbaSize);
        assertArrayEquals(java.util.Arrays.copyOfRange(data, lbaSize, 2 * lbaSize), part);
    }

    @Test
    void unwrittenBlocksReadAsZerosSharingTheZeroBlock() {
        RawHost h = host(4096);
        long dst = h.page();
        h.memory.write32(dst, 7);
        assertTrue(h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(dst).cdw10_11(9)).success());
        assertSame(Blocks.ZERO, h.memory.frame(HostMemory.pfn(dst)), "a whole-page read shares the zero block");
        assertEquals(0, h.memory.read32(dst));
        h.memory.write32(dst, 5);
        assertEquals(0, Blocks.ZERO[0], "and a later host write copies it first");
    }

    @Test
    void writeZeroesAndDeallocate() {
        RawHost h = host(4096);
        long src = h.page();
        h.memory.write(src, pattern(4096, 1), 0, 4096);
        for (int lba = 0; lba < 4; lba++) {
            final long l = lba;
            assertTrue(h.io(1, s -> s.command(Opcodes.WRITE, 0).nsid(1).prp1(src).cdw10_11(l)).success());
        }
        assertTrue(h.io(1, s -> s.command(Opcodes.WRITE_ZEROES, 0).nsid(1).cdw10_11(1)).success());
        long ranges = h.page();
        h.memory.write32(ranges + 4, 1);
        h.memory.write64(ranges + 8, 3);
        assertTrue(h.io(1, s -> s.command(Opcodes.DATASET_MANAGEMENT, 0).nsid(1).prp1(ranges).cdw(10, 0)
                .cdw(11, 1 << 2)).success());
        long dst = h.page();
        for (int lba = 0; lba < 4; lba++) {
            final long l = lba;
            assertTrue(h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(dst).cdw10_11(l)).success());
            int first = h.memory.read8(dst + 1);
            assertEquals(lba == 0 || lba == 2 ? pattern(4096, 1)[1] & 0xff : 0, first, "LBA " + lba);
        }
        h.memory.write64(ranges + 8, 4095);
        h.memory.write32(ranges + 4, 2);
        assertEquals(StatusCode.LBA_OUT_OF_RANGE.dnr(), h.io(1, s -> s.command(Opcodes.DATASET_MANAGEMENT, 0)
                .nsid(1).prp1(ranges).cdw(11, 1 << 2)).status());
        assertTrue(h.io(1, s -> s.command(Opcodes.FLUSH, 0).nsid(0xffff_ffff)).success(), "flush all namespaces");
    }

    @Test
    void errors() {
        RawHost h = host(4096);
        long dst = h.page();
        assertEquals(StatusCode.INVALID_OPCODE.dnr(), h.io(1, s -> s.command(0x7e, 0).nsid(1)).status());
        assertEquals(StatusCode.INVALID_NAMESPACE.dnr(),
                h.io(1, s -> s.command(Opcodes.READ, 0).nsid(0).prp1(dst)).status(), "NSID 0");
        assertEquals(StatusCode.INVALID_NAMESPACE.dnr(),
                h.io(1, s -> s.command(Opcodes.READ, 0).nsid(9).prp1(dst)).status(), "above NN");
        assertEquals(StatusCode.INVALID_FIELD.dnr(),
                h.io(1, s -> s.command(Opcodes.READ, 0).nsid(2).prp1(dst)).status(), "valid but inactive NSID");
        assertEquals(StatusCode.LBA_OUT_OF_RANGE.dnr(),
                h.io(1, s -> s.command(Opcodes.READ, 0).nsid(3).prp1(dst).cdw10_11(63).cdw(12, 1)).status(),
                "the last LBA plus one");
        assertTrue(h.io(1, s -> s.command(Opcodes.READ, 0).nsid(3).prp1(dst).cdw10_11(63)).success());
        assertEquals(StatusCode.LBA_OUT_OF_RANGE.dnr(),
                h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(dst).cdw10_11(-1L)).status(), "no overflow");
        assertEquals(StatusCode.INVALID_FIELD.dnr(),
                h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(dst).cdw(12, 32)).status(),
                "33 × 4 KiB exceeds MDTS (128 KiB)");
        assertEquals(StatusCode.INVALID_FIELD.dnr(), h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(dst)
                .dw(0, s.dw(0) | 1 << 14)).status(), "SGLs (PSDT) are not supported");
        assertEquals(StatusCode.DATA_TRANSFER_ERROR.value(),
                h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(1L << 40)).status(), "a buffer outside memory");
    }

    @Test
    void aSecondCommandWithTheSameCidInFlightConflicts() {
        org.sysmodels.core.random.Distribution slow = new org.sysmodels.core.random.Distribution.Fixed(1_000_000);
        org.sysmodels.core.random.Distribution zero = new org.sysmodels.core.random.Distribution.Fixed(0);
        RawHost h = new RawHost(Hosts.instant().withService(new ServiceModel(4, slow, zero, zero, zero, zero, zero)),
                1);
        h.enable(32);
        h.createQueuePair(1, 16);
        long dst = h.page();
        h.put(1, s -> s.command(Opcodes.READ, 77).nsid(1).prp1(dst));
        h.put(1, s -> s.command(Opcodes.READ, 77).nsid(1).prp1(dst).cdw10_11(1));
        h.ringSq(1);
        h.advance(1000);
        List<Cqe> early = h.reap(1);
        assertEquals(1, early.size(), "the duplicate completes at once");
        assertEquals(StatusCode.COMMAND_ID_CONFLICT.dnr(), early.get(0).status());
        h.settle();
        List<Cqe> late = h.reap(1);
        assertEquals(1, late.size());
        assertTrue(late.get(0).success(), "the first command is unaffected");
        assertEquals(77, late.get(0).cid());
    }
}
