package org.sysmodels.sensor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.sensor.model.bme280.Calibration;
import org.sysmodels.sensor.scenario.Hex;

/** {@code sim sensor-loop bme280}: what it makes of readings and dumps a student pastes. */
class Bme280DecoderTest {

    /** The compensated table's rows for the data sheet's, the driver's and the floating-point variant. */
    private static List<List<String>> compensated(int[] adc) {
        RunResult r = Bme280Decoder.decode(Calibration.TYPICAL, adc, true);
        return r.tables().get(1).rows();
    }

    /** A burst read before the first measurement, or with every oversampling at 000, reads 0x80000/0x80000/0x8000. */
    @Test
    void aSkippedMeasurementIsNotCompensated() {
        int[] reset = Bme280Decoder.burst(Hex.parse("80 00 00 80 00 00 80 00"));
        for (List<String> row : compensated(reset)) {
            assertEquals("skipped (0x80000)", row.get(2), row.toString());
            assertEquals("-", row.get(3), row.toString());
        }
        RunResult r = Bme280Decoder.decode(Calibration.TYPICAL, reset, true);
        assertTrue(r.summary().get(0).startsWith("adc_T = 0x80000: the temperature measurement was skipped"),
                r.summary().toString());
        for (List<String> row : compensated(new int[] {519888, 0x80000, 0x8000})) {
            assertTrue(row.get(2).startsWith("25.08"), row.toString());
            assertEquals("skipped (0x80000)", row.get(3), row.toString());
            assertEquals("skipped (0x8000)", row.get(4), row.toString());
        }
    }

    @Test
    void aReadingTooLargeForAnIntIsOutOfRangeNotANonNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bme280Decoder.adc("99999999999"));
        assertEquals("adc_T = 99999999999 is outside 20 bits (0..1048575)", e.getMessage());
        assertEquals(0xFFFFF, Bme280Decoder.adc("0xFFFFF")[0]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bme280Decoder.adc("5e3")).getMessage()
                .startsWith("\"5e3\" is not a number"));
    }

    /** Character.digit takes any script's digits; a dump is ASCII hex, so "٣" (Arabic-Indic 3) is not a digit. */
    @Test
    void onlyAsciiHexDigitsAreHex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hex.parse("٣٣"));
        assertTrue(e.getMessage().startsWith("\"٣\" (in byte 0) is not a hex digit"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Hex.parse("88 6bx")).getMessage()
                .startsWith("\"x\" (in byte 2)"), "a stray character is named, not counted as an odd digit");
    }
}
