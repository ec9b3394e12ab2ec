package org.sysmodels.nvme.model.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The CQE Status Field (NVMe 1.4 Figure 126): Status Code [7:0], Status Code Type [10:8], More [13], DNR [14], and
 * in Dword 3 above the phase tag [16]. Examples are the spec's own codes: Invalid Field in Command (0h/02h), LBA Out of
 * Range (0h/80h), Invalid Queue Size (1h/02h).
 */
class StatusTest {

    @Test
    void fieldsArePackedAndUnpacked() {
        assertEquals(0x102, Status.of(1, 0x02), "Invalid Queue Size");
        assertEquals(0x080, Status.of(0, 0x80));
        assertEquals(0x702, Status.of(0xf, 0x102), "SCT keeps 3 bits, SC 8");
        assertEquals(StatusCode.INVALID_FIELD.value(), Status.of(StatusCode.INVALID_FIELD));
        assertEquals(StatusCode.INVALID_FIELD.value() | Status.DNR, Status.doNotRetry(StatusCode.INVALID_FIELD));
        int s = Status.of(1, 0x02) | Status.DNR | Status.MORE;
        assertEquals(0x02, Status.sc(s));
        assertEquals(1, Status.sct(s));
        assertEquals(0x80, Status.sc(Status.of(2, 0x80)));
        assertEquals(2, Status.sct(Status.of(2, 0x80) | 0x800), "bit 11 is not SCT");
        assertTrue(Status.dnr(s));
        assertFalse(Status.dnr(Status.MORE));
        assertEquals(0x102, Status.code(s));
        assertTrue(Status.isSuccess(Status.MORE));
        assertFalse(Status.isSuccess(0x102));
        int dw3 = (s << 17) | 1 << 16 | 0x1234;
        assertEquals(s, Status.fromDw3(dw3), "the phase tag and the CID are dropped");
    }

    @Test
    void describeNamesTheCode() {
        assertEquals("Invalid Field in Command (SCT 0h, SC 02h, DNR)",
                Status.describe(StatusCode.INVALID_FIELD.dnr()));
        assertEquals("LBA Out of Range (SCT 0h, SC 80h)", Status.describe(StatusCode.LBA_OUT_OF_RANGE.value()));
        assertEquals("Unknown status (SCT 7h, SC EEh)", Status.describe(Status.of(7, 0xee)));
    }
}
