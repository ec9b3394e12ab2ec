package org.sysmodels.sensor.model.bme280;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/**
 * Physical inputs outside the BME280's operating range (BST-BME280-DS001 Table 1: −40…85 °C, 300…1100 hPa) are
 * accepted by a scenario because the model has a meaning for them: Bosch's driver clamps its output to the
 * operating range (BME280_SensorAPI {@code compensate_temperature}, {@code compensate_pressure}), the data sheet's
 * formulas (§4.2.3) do not clamp temperature or pressure and go on past the range until the ADC saturates, and both
 * clamp humidity to 0…100 %RH.
 */
class OutsideOperatingRangeTest {

    static int temperature(Compensation k, Calibration c, double celsius) {
        return k.temperature(k.tFine(c, AdcInverse.temperature(c, celsius)));
    }

    static long pressure(Compensation k, Calibration c, double pascals) {
        int tFine = k.tFine(c, AdcInverse.temperature(c, 25));
        return k.pressure(c, AdcInverse.pressure(c, pascals, FloatCompensation.tFine(c, AdcInverse.temperature(c,
                25))), tFine);
    }

    @Test
    void hotterOrColderThanTheRangeClampsInTheDriverAndNotInTheDataSheet() {
        Props.property(500).forAll(CompensationTest.realisticCalibration(), doubles().between(85.5, 150))
                .checkAssert((c, t) -> {
                    assertEquals(8500, temperature(Compensation.BOSCH_API, c, t));
                    assertTrue(temperature(Compensation.DATASHEET, c, t) > 8500);
                });
        Props.property(500).forAll(CompensationTest.realisticCalibration(), doubles().between(-150, -40.5))
                .checkAssert((c, t) -> {
                    assertEquals(-4000, temperature(Compensation.BOSCH_API, c, t));
                    assertTrue(temperature(Compensation.DATASHEET, c, t) < -4000);
                });
    }

    @Test
    void pressureOutsideTheRangeClampsInTheDriverAndNotInTheDataSheet() {
        Props.property(500).forAll(CompensationTest.realisticCalibration(), doubles().between(110_500, 200_000))
                .checkAssert((c, p) -> {
                    assertEquals(11_000_000L, pressure(Compensation.BOSCH_API, c, p), "1100 hPa in 0.01 Pa");
                    assertTrue(pressure(Compensation.DATASHEET, c, p) > 110_000L * 256, "Q24.8 Pa");
                });
        Props.property(500).forAll(CompensationTest.realisticCalibration(), doubles().between(1, 29_500))
                .checkAssert((c, p) -> {
                    assertEquals(3_000_000L, pressure(Compensation.BOSCH_API, c, p), "300 hPa in 0.01 Pa");
                    assertTrue(pressure(Compensation.DATASHEET, c, p) < 30_000L * 256, "Q24.8 Pa");
                });
    }

    @Test
    void saturatedAirReadsAtMostOneHundredPercent() {
        Props.property(500).forAll(CompensationTest.realisticCalibration(), doubles().between(95, 100))
                .checkAssert((c, h) -> {
                    int tFine = Compensation.DATASHEET.tFine(c, AdcInverse.temperature(c, 25));
                    double tf = FloatCompensation.tFine(c, AdcInverse.temperature(c, 25));
                    int adcH = AdcInverse.humidity(c, h, tf);
                    for (Compensation k : new Compensation[] {Compensation.DATASHEET, Compensation.BOSCH_API}) {
                        assertTrue(k.humidity(c, adcH, tFine) <= 100 * 1024, k + ": Q22.10 %RH");
                    }
                });
    }
}
