package org.sysmodels.nvme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sysmodels.nvme.host.platform.RawHost;
import org.sysmodels.nvme.model.command.IdentifyData;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * Set Features and Get Features (NVMe 1.4 §5.21, §5.13): for each feature the controller supports, Get with SEL = 0
 * returns the value Set stored (masked to the feature's defined bits) and SEL = 1 or 2 the default; each feature's
 * invalid values and namespace rules give their own status.
 */
class FeaturesTest {

    private static int invalidField() {
        return StatusCode.INVALID_FIELD.dnr();
    }

    private static Cqe set(RawHost h, int fid, int value) {
        return h.admin(s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, fid).cdw(11, value));
    }

    private static Cqe get(RawHost h, int fid, int sel, int cdw11) {
        return h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).cdw(10, fid | sel << 8).cdw(11, cdw11));
    }

    /** Dword 0 of a successful Get Features. */
    private static int value(RawHost h, int fid, int sel, int cdw11) {
        Cqe c = get(h, fid, sel, cdw11);
        assertEquals(Status.SUCCESS, c.status(), "Get Features " + fid + " SEL " + sel);
        return c.dw0();
    }

    @Test
    void currentValuesAndDefaults() {
        RawHost h = Hosts.ready();
        assertTrue(set(h, 0x01, 0x0302_0103).success());
        assertEquals(0x0302_0103, value(h, 0x01, 0, 0), "Arbitration: current");
        assertEquals(7, value(h, 0x01, 1, 0), "Arbitration default: AB = 111b, no limit");
        assertEquals(7, value(h, 0x01, 2, 0), "saved = default: nothing is saveable");

        assertTrue(set(h, 0x02, 0x100 | 0x20).success(), "Power Management: PS 0, WH 001b");
        assertEquals(0x20, value(h, 0x02, 0, 0), "only bits 7:0 are defined");
        assertEquals(0, value(h, 0x02, 1, 0));
        assertEquals(invalidField(), set(h, 0x02, 1).status(), "PS 1 is beyond NPSS");
        assertEquals(0x20, value(h, 0x02, 0, 0), "the invalid Set changed nothing");

        assertTrue(set(h, 0x0A, 2).success());
        assertEquals(0, value(h, 0x0A, 0, 0), "Write Atomicity Normal: only bit 0");
        assertTrue(set(h, 0x0A, 1).success());
        assertEquals(1, value(h, 0x0A, 0, 0));
        assertEquals(0, value(h, 0x0A, 1, 0));

        assertTrue(set(h, 0x0B, 0xffff).success());
        assertEquals(0x3f, value(h, 0x0B, 0, 0), "Asynchronous Event Configuration: the SMART warnings only");
        assertEquals(0, value(h, 0x0B, 1, 0));

        assertTrue(set(h, 0x08, 0x0a05).success());
        assertEquals(0x0a05, value(h, 0x08, 0, 0));
        assertEquals(0, value(h, 0x08, 2, 0));

        assertEquals(0b100, value(h, 0x01, 3, 0), "SEL 3: changeable");
        assertEquals(0b110, h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).nsid(1).cdw(10, 0x05 | 3 << 8)).dw0(),
                "SEL 3 of Error Recovery: changeable, namespace specific");
        assertEquals(invalidField(), get(h, 0x01, 4, 0).status(), "SEL 100b is reserved");
    }

    @Test
    void temperatureThresholds() {
        RawHost h = Hosts.ready();
        assertEquals(IdentifyData.WCTEMP_KELVINS, value(h, 0x04, 0, 0), "over threshold: WCTEMP by default");
        assertTrue(set(h, 0x04, 350).success());
        assertTrue(set(h, 0x04, 200 | 1 << 20).success(), "THSEL 01b: under temperature");
        assertEquals(350, value(h, 0x04, 0, 0));
        assertEquals(200, value(h, 0x04, 0, 1 << 20));
        assertEquals(IdentifyData.WCTEMP_KELVINS, value(h, 0x04, 1, 0));
        assertEquals(0, value(h, 0x04, 1, 1 << 20));
        assertEquals(invalidField(), get(h, 0x04, 0, 1 << 16).status(), "TMPSEL 1: no such sensor");
        assertEquals(invalidField(), get(h, 0x04, 0, 2 << 20).status(), "THSEL 10b is reserved");
        assertEquals(invalidField(), set(h, 0x04, 300 | 2 << 20).status());
        assertEquals(invalidField(), set(h, 0x04, 300 | 1 << 16).status());
        assertEquals(350, value(h, 0x04, 0, 0));
    }

    @Test
    void numberOfQueuesAndInterruptVectors() {
        RawHost h = Hosts.ready();
        int max = h.controller.configuration().maxIoQueuePairs() - 1;
        assertEquals(max | max << 16, value(h, 0x07, 0, 0), "before Set: what the controller has, 0's based");
        Cqe c = set(h, 0x07, 2 | 3 << 16);
        assertTrue(c.success());
        assertEquals(2 | 3 << 16, c.dw0(), "allocated as requested");
        assertEquals(2 | 3 << 16, value(h, 0x07, 0, 0));
        assertEquals(max | max << 16, value(h, 0x07, 1, 0));

        int vectors = h.controller.configuration().msixVectors();
        assertTrue(set(h, 0x09, 1 | 1 << 16).success(), "vector 1: coalescing disabled");
        assertEquals(1 | 1 << 16, value(h, 0x09, 0, 1));
        assertEquals(1, value(h, 0x09, 1, 1));
        assertEquals(2, value(h, 0x09, 0, 2), "vector 2 untouched");
        assertEquals(vectors - 1, value(h, 0x09, 0, vectors - 1) & 0xffff);
        assertEquals(invalidField(), set(h, 0x09, vectors).status(), "no such vector");
        assertEquals(invalidField(), get(h, 0x09, 0, vectors).status());
    }

    @Test
    void namespaceRules() {
        RawHost h = Hosts.ready();
        assertTrue(h.admin(s -> s.command(Opcodes.SET_FEATURES, 0).nsid(1).cdw(10, 0x05).cdw(11, 9)).success());
        assertEquals(9, h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).nsid(1).cdw(10, 0x05)).dw0(),
                "Error Recovery TLER of namespace 1");
        assertEquals(0, h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).nsid(1).cdw(10, 0x05 | 1 << 8)).dw0());
        assertEquals(invalidField(), h.admin(s -> s.command(Opcodes.SET_FEATURES, 0).nsid(1).cdw(10, 0x05)
                .cdw(11, 1 << 16)).status(), "DULBE is not supported");
        assertEquals(StatusCode.FEATURE_NOT_NAMESPACE_SPECIFIC.dnr(),
                h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).nsid(1).cdw(10, 0x01)).status());
        assertEquals(StatusCode.INVALID_NAMESPACE.dnr(),
                h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).nsid(2).cdw(10, 0x01)).status(),
                "NSID 2 does not exist");
        assertEquals(StatusCode.INVALID_NAMESPACE.dnr(),
                h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).nsid(2).cdw(10, 0x05)).status());
        assertEquals(StatusCode.INVALID_NAMESPACE.dnr(),
                h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).nsid(0).cdw(10, 0x05)).status());
    }
}
