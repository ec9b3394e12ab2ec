package org.sysmodels.sensor.model.bme280;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.testing.Props;

/**
 * The model's compensation against both reference variants, written again here from their sources in a different
 * form: C's int32/int64 evaluation with explicit wrap-around after every operation (BigInteger for 64 bits),
 * {@code >>} as floor division and C's {@code /} as truncating division. Random raw values and calibrations over
 * the whole range of their types (so the clamps and negative dig_T3 are reached), and realistic ones near a real part.
 */
class CompensationTest {

    // ---------------------------------------------------------------- the references, from the sources

    static int i32(long v) {
        return (int) v;
    }

    static long shr(long v, int k) {
        return Math.floorDiv(v, 1L << k);
    }

    static final BigInteger MOD64 = BigInteger.ONE.shiftLeft(64);

    static BigInteger w(BigInteger v) {
        return BigInteger.valueOf(v.longValue());
    }

    static BigInteger b(long v) {
        return BigInteger.valueOf(v);
    }

    static BigInteger floorShr(BigInteger v, int k) {
        return v.shiftRight(k);
    }

    static BigInteger truncDiv(BigInteger a, BigInteger d) {
        return a.divide(d);
    }

    /** BST-BME280-DS001 §4.2.3 BME280_compensate_T_int32, t_fine. */
    static int dsTFine(Calibration c, int adcT) {
        int var1 = i32(shr(i32((long) i32(shr(adcT, 3) - i32(c.t1() * 2L)) * c.t2()), 11));
        int d = i32(shr(adcT, 4) - c.t1());
        int var2 = i32(shr(i32((long) i32(shr(i32((long) d * d), 12)) * c.t3()), 14));
        return i32((long) var1 + var2);
    }

    static int dsTemperature(int tFine) {
        return i32(shr(i32(tFine * 5L + 128), 8));
    }

    /** BME280_SensorAPI compensate_temperature (integer): C division, clamped to −40…85 °C. */
    static int apiTFine(Calibration c, int adcT) {
        long var1 = i32(adcT / 8 - c.t1() * 2L);
        var1 = i32(i32(var1 * c.t2()) / 2048);
        long var2 = i32(adcT / 16 - c.t1());
        var2 = i32(i32(i32(i32(var2 * var2) / 4096) * (long) c.t3()) / 16384);
        return i32(var1 + var2);
    }

    static int apiTemperature(int tFine) {
        int t = i32(i32(tFine * 5L + 128) / 256);
        return Math.max(-4000, Math.min(8500, t));
    }

    /** BME280_compensate_P_int64: Q24.8 Pa, 0 when the divisor is 0. */
    static long dsPressure(Calibration c, int adcP, int tFine) {
        BigInteger var1 = b(tFine - 128000L);
        BigInteger var2 = w(w(var1.multiply(var1)).multiply(b(c.p6())));
        var2 = w(var2.add(w(w(var1.multiply(b(c.p5()))).shiftLeft(17))));
        var2 = w(var2.add(w(b(c.p4()).shiftLeft(35))));
        var1 = w(floorShr(w(w(var1.multiply(var1)).multiply(b(c.p3()))), 8)
                .add(w(w(var1.multiply(b(c.p2()))).shiftLeft(12))));
        var1 = floorShr(w(w(BigInteger.ONE.shiftLeft(47).add(var1)).multiply(b(c.p1()))), 33);
        if (var1.signum() == 0) {
            return 0;
        }
        BigInteger p = b(1048576 - adcP);
        p = w(truncDiv(w(w(w(p.shiftLeft(31)).subtract(var2)).multiply(b(3125))), var1));
        BigInteger q = floorShr(p, 13);
        var1 = floorShr(w(w(b(c.p9()).multiply(q)).multiply(q)), 25);
        var2 = floorShr(w(b(c.p8()).multiply(p)), 19);
        p = w(floorShr(w(w(p.add(var1)).add(var2)), 8).add(b(c.p7()).shiftLeft(4)));
        return p.longValue() & 0xFFFF_FFFFL;
    }

    /** BME280_SensorAPI compensate_pressure (64-bit): 0.01 Pa, clamped to 300…1100 hPa, the minimum for divisor 0. */
    static long apiPressure(Calibration c, int adcP, int tFine) {
        BigInteger var1 = b(tFine - 128000L);
        BigInteger var2 = w(w(var1.multiply(var1)).multiply(b(c.p6())));
        var2 = w(var2.add(w(w(var1.multiply(b(c.p5()))).multiply(b(131072)))));
        var2 = w(var2.add(w(b(c.p4()).multiply(b(34359738368L)))));
        var1 = w(truncDiv(w(w(var1.multiply(var1)).multiply(b(c.p3()))), b(256))
                .add(w(w(var1.multiply(b(c.p2()))).multiply(b(4096)))));
        var1 = truncDiv(w(w(b(140737488355328L).add(var1)).multiply(b(c.p1()))), b(8589934592L));
        if (var1.signum() == 0) {
            return 3_000_000;
        }
        BigInteger v4 = b(1048576 - adcP);
        v4 = w(truncDiv(w(w(w(v4.multiply(b(2147483648L))).subtract(var2)).multiply(b(3125))), var1));
        BigInteger q = truncDiv(v4, b(8192));
        var1 = truncDiv(w(w(b(c.p9()).multiply(q)).multiply(q)), b(33554432));
        var2 = truncDiv(w(b(c.p8()).multiply(v4)), b(524288));
        v4 = w(truncDiv(w(w(v4.add(var1)).add(var2)), b(256)).add(w(b(c.p7()).multiply(b(16)))));
        long p = truncDiv(w(truncDiv(v4, b(2)).multiply(b(100))), b(128)).longValue() & 0xFFFF_FFFFL;
        return Math.max(3_000_000, Math.min(11_000_000, p));
    }

    /** bme280_compensate_H_int32: Q22.10 %RH, clamped to 0…419430400 before the final shift. */
    static int dsHumidity(Calibration c, int adcH, int tFine) {
        int v = i32(tFine - 76800L);
        int a = i32(shr(i32(i32(i32((long) i32(adcH * 16384L) - i32(c.h4() * 1048576L)) - i32((long) c.h5() * v))
                + 16384L), 15));
        int b1 = i32(shr(i32((long) v * c.h6()), 10));
        int b2 = i32(shr(i32((long) v * c.h3()), 11));
        int b3 = i32(shr(i32((long) b1 * i32(b2 + 32768L)), 10));
        int bb = i32(shr(i32(i32((long) i32(b3 + 2097152L) * c.h2()) + 8192L), 14));
        v = i32((long) a * bb);
        int q = i32(shr(v, 15));
        int d = i32(shr(i32((long) q * q), 7));
        int e = i32(shr(i32((long) d * c.h1()), 4));
        v = i32((long) v - e);
        v = Math.max(0, Math.min(419430400, v));
        return v >> 12;
    }

    /** BME280_SensorAPI compensate_humidity (integer). */
    static int apiHumidity(Calibration c, int adcH, int tFine) {
        long var1 = i32(tFine - 76800L);
        long var2 = i32(adcH * 16384L);
        long var3 = i32(c.h4() * 1048576L);
        long var4 = i32(c.h5() * var1);
        long var5 = i32(i32(i32(i32(var2 - var3) - var4) + 16384L) / 32768);
        var2 = i32(i32(var1 * c.h6()) / 1024);
        var3 = i32(i32(var1 * c.h3()) / 2048);
        var4 = i32(i32(i32(var2 * i32(var3 + 32768)) / 1024) + 2097152L);
        var2 = i32(i32(i32(var4 * c.h2()) + 8192L) / 16384);
        var3 = i32(var5 * var2);
        var4 = i32(i32(i32(var3 / 32768) * i32(var3 / 32768)) / 128);
        var5 = i32(var3 - i32(i32(var4 * c.h1()) / 16));
        var5 = Math.max(0, Math.min(419430400, var5));
        return (int) Math.min(102400, var5 / 4096);
    }

    // ---------------------------------------------------------------------------------- generators

    /** Any calibration the registers can hold, each field over its type's whole range. */
    static Gen<Calibration> anyCalibration() {
        return lists().of(integers().between(0, 0xFFFF)).ofSize(18).map(v -> new Calibration(
                v.get(0), (short) (int) v.get(1), (short) (int) v.get(2), v.get(3),
                (short) (int) v.get(4), (short) (int) v.get(5), (short) (int) v.get(6), (short) (int) v.get(7),
                (short) (int) v.get(8), (short) (int) v.get(9), (short) (int) v.get(10), (short) (int) v.get(11),
                v.get(12) & 0xFF, (short) (int) v.get(13), v.get(14) & 0xFF, (v.get(15) & 0xFFF) - 2048,
                (v.get(16) & 0xFFF) - 2048, (byte) (int) v.get(17)));
    }

    /** A real-looking part: the typical calibration with each field moved by a few percent. */
    static Gen<Calibration> realisticCalibration() {
        Calibration t = Calibration.TYPICAL;
        return lists().of(integers().between(-50, 50)).ofSize(18).map(d -> new Calibration(
                t.t1() + d.get(0) * 10, t.t2() + d.get(1) * 10, t.t3() + d.get(2) * 20,
                t.p1() + d.get(3) * 10, t.p2() + d.get(4) * 5, t.p3() + d.get(5) * 5, t.p4() + d.get(6) * 5,
                t.p5() + d.get(7), t.p6() + d.get(8) / 10, t.p7() + d.get(9) * 10, t.p8() + d.get(10) * 10,
                t.p9() + d.get(11) * 10, t.h1() + d.get(12) / 2, t.h2() + d.get(13), t.h3() + Math.abs(d.get(14)) / 5,
                t.h4() + d.get(15), t.h5() + d.get(16) / 2, t.h6() + d.get(17) / 5));
    }

    static Gen<Integer> adc20() {
        return integers().between(0, (1 << 20) - 1);
    }

    static Gen<Integer> adc16() {
        return integers().between(0, 0xFFFF);
    }

    // ----------------------------------------------------------------------------------- properties

    @Test
    void temperatureEqualsBothReferences() {
        for (Gen<Calibration> cal : List.of(anyCalibration(), realisticCalibration())) {
            Props.property(3000).forAll(cal, adc20()).checkAssert((c, adc) -> {
                int ds = Compensation.DATASHEET.tFine(c, adc);
                assertEquals(dsTFine(c, adc), ds, "data sheet t_fine");
                assertEquals(dsTemperature(ds), Compensation.DATASHEET.temperature(ds), "data sheet T");
                int api = Compensation.BOSCH_API.tFine(c, adc);
                assertEquals(apiTFine(c, adc), api, "driver t_fine");
                assertEquals(apiTemperature(api), Compensation.BOSCH_API.temperature(api), "driver T");
            });
        }
    }

    @Test
    void pressureEqualsBothReferences() {
        for (Gen<Calibration> cal : List.of(anyCalibration(), realisticCalibration())) {
            Props.property(3000).forAll(cal, adc20(), adc20()).checkAssert((c, adcT, adcP) -> {
                int tf = Compensation.DATASHEET.tFine(c, adcT);
                assertEquals(dsPressure(c, adcP, tf), Compensation.DATASHEET.pressure(c, adcP, tf), "data sheet P");
                int ta = Compensation.BOSCH_API.tFine(c, adcT);
                assertEquals(apiPressure(c, adcP, ta), Compensation.BOSCH_API.pressure(c, adcP, ta), "driver P");
            });
        }
    }

    @Test
    void humidityEqualsBothReferences() {
        for (Gen<Calibration> cal : List.of(anyCalibration(), realisticCalibration())) {
            Props.property(3000).forAll(cal, adc20(), adc16()).checkAssert((c, adcT, adcH) -> {
                int tf = Compensation.DATASHEET.tFine(c, adcT);
                assertEquals(dsHumidity(c, adcH, tf), Compensation.DATASHEET.humidity(c, adcH, tf), "data sheet H");
                int ta = Compensation.BOSCH_API.tFine(c, adcT);
                assertEquals(apiHumidity(c, adcH, ta), Compensation.BOSCH_API.humidity(c, adcH, ta), "driver H");
            });
        }
    }

    @Test
    void clampsAreReached() {
        Calibration c = Calibration.TYPICAL;
        assertEquals(8500, Compensation.BOSCH_API.temperature(Compensation.BOSCH_API.tFine(c, 0xFFFFF)),
                "driver clamps at 85 °C");
        assertEquals(-4000, Compensation.BOSCH_API.temperature(Compensation.BOSCH_API.tFine(c, 0)),
                "driver clamps at −40 °C");
        assertTrue(Compensation.DATASHEET.temperature(Compensation.DATASHEET.tFine(c, 0xFFFFF)) > 8500,
                "the data sheet does not clamp");
        int tf = Compensation.DATASHEET.tFine(c, 519888);
        assertEquals(0, Compensation.DATASHEET.humidity(c, 0, tf), "humidity clamps at 0");
        assertEquals(102400, Compensation.DATASHEET.humidity(c, 0xFFFF, tf), "humidity clamps at 100 %RH");
        assertEquals(11_000_000, Compensation.BOSCH_API.pressure(c, 0, tf), "driver clamps at 1100 hPa");
        int low = AdcInverse.pressure(c, 25_000, FloatCompensation.tFine(c, 519888));
        assertEquals(3_000_000, Compensation.BOSCH_API.pressure(c, low, tf), "driver clamps at 300 hPa");
        assertEquals(25_000, Compensation.DATASHEET.pascals(Compensation.DATASHEET.pressure(c, low, tf)), 1,
                "the data sheet does not clamp");
    }

    /** The BMP280 data sheet's worked example (§3.12) uses the same T and P calibration: t_fine 128422, 25.08 °C. */
    @Test
    void dataSheetExample() {
        Calibration c = Calibration.TYPICAL;
        int ds = Compensation.DATASHEET.tFine(c, 519888);
        assertEquals(128422, ds);
        assertEquals(2508, Compensation.DATASHEET.temperature(ds));
        assertEquals(100653.27, Compensation.DATASHEET.pascals(Compensation.DATASHEET.pressure(c, 415148, ds)), 0.05);
        assertEquals(128423, Compensation.BOSCH_API.tFine(c, 519888), "dig_T3 < 0: the driver's division differs");
    }

    /** With dig_T3 ≥ 0 every intermediate is ≥ 0 above T1's point, and then shifts and divisions agree. */
    @Test
    void variantsAgreeWhenNothingIsNegative() {
        Props.property(2000).forAll(realisticCalibration(), adc20()).checkAssert((c0, adc) -> {
            Calibration c = new Calibration(c0.t1(), Math.abs(c0.t2()), Math.abs(c0.t3()), c0.p1(), c0.p2(), c0.p3(),
                    c0.p4(), c0.p5(), c0.p6(), c0.p7(), c0.p8(), c0.p9(), c0.h1(), c0.h2(), c0.h3(), c0.h4(),
                    c0.h5(), c0.h6());
            if ((adc >> 3) - 2 * c.t1() >= 0 && (adc >> 4) - c.t1() >= 0) {
                assertEquals(Compensation.DATASHEET.tFine(c, adc), Compensation.BOSCH_API.tFine(c, adc));
            }
        });
    }

    @Test
    void variantsDifferBelowZero() {
        Calibration c = Calibration.TYPICAL;
        int differ = 0;
        for (int adc = AdcInverse.temperature(c, -30); adc < AdcInverse.temperature(c, -1); adc += 97) {
            if (Compensation.DATASHEET.tFine(c, adc) != Compensation.BOSCH_API.tFine(c, adc)) {
                differ++;
            }
            assertTrue(Math.abs(Compensation.DATASHEET.tFine(c, adc) - Compensation.BOSCH_API.tFine(c, adc)) <= 2);
        }
        assertNotEquals(0, differ, "below 0 °C the two variants must differ somewhere");
    }
}
