package org.sysmodels.sensor.model.bme280;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/** Calibration registers: types and the shared-nibble packing of H4 and H5 (DS Table 16). */
class CalibrationTest {

    @Test
    void encodeThenParseIsIdentity() {
        Props.property(2000).forAll(CompensationTest.anyCalibration()).checkAssert(c ->
                assertEquals(c, Calibration.parse(c.tpBlock(), c.hBlock())));
    }

    /** 0xE4 = 0x14, 0xE5 = 0x02 (H5 low nibble 0, H4 low nibble 2), 0xE6 = 0x03: H4 = 0x142 = 322, H5 = 0x030. */
    @Test
    void h4AndH5ShareRegisterE5() {
        byte[] h = {0x6A, 0x01, 0x00, 0x14, 0x02, 0x03, 0x1E};
        Calibration c = Calibration.parse(Calibration.TYPICAL.tpBlock(), h);
        assertEquals(362, c.h2());
        assertEquals(0x14 * 16 + 2, c.h4());
        assertEquals(0x03 * 16, c.h5());
        assertEquals(30, c.h6());
    }

    /** The most significant byte is signed: 0xE4 = 0xFF gives a negative H4, not 4080 (nor 131075 for H5). */
    @Test
    void h4AndH5AreSigned12Bit() {
        byte[] h = {0, 0, 0, (byte) 0xFF, (byte) 0x3F, (byte) 0x80, 0};
        Calibration c = Calibration.parse(Calibration.TYPICAL.tpBlock(), h);
        assertEquals(-16 + 0xF, c.h4());
        assertEquals(-128 * 16 + 3, c.h5());
    }
}
