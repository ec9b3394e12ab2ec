package org.sysmodels.sensor.model.bme280;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/** The sensor model's raw values compensate back to the physical input, within one ADC step. */
class AdcInverseTest {

    @Test
    void temperatureRoundTrips() {
        Props.property(2000).forAll(CompensationTest.realisticCalibration(), doubles().between(-40, 85))
                .checkAssert((c, t) -> {
                    int adc = AdcInverse.temperature(c, t);
                    double back = FloatCompensation.temperature(FloatCompensation.tFine(c, adc));
                    double step = Math.abs(FloatCompensation.temperature(FloatCompensation.tFine(c, adc + 1)) - back);
                    assertEquals(t, back, step);
                });
    }

    @Test
    void pressureAndHumidityRoundTrip() {
        Props.property(2000).forAll(CompensationTest.realisticCalibration(), doubles().between(-20, 60),
                doubles().between(30_000, 110_000), doubles().between(1, 99)).checkAssert((c, t, p, h) -> {
                    double tf = FloatCompensation.tFine(c, AdcInverse.temperature(c, t));
                    int adcP = AdcInverse.pressure(c, p, tf);
                    double pBack = FloatCompensation.pressure(c, adcP, tf);
                    double pStep = Math.abs(FloatCompensation.pressure(c, adcP + 1, tf) - pBack);
                    assertEquals(p, pBack, pStep);
                    int adcH = AdcInverse.humidity(c, h, tf);
                    double hBack = FloatCompensation.humidity(c, adcH, tf);
                    double hStep = Math.abs(FloatCompensation.humidity(c, adcH + 1, tf) - hBack);
                    assertEquals(h, hBack, hStep);
                });
    }

    @Test
    void measurementTimeMatchesTheDataSheetExample() {
        assertEquals(11_500_000, MeasurementTime.typicalNs(1, 4, 0), "DS §9.1: T×1, P×4, H off, typical");
        assertEquals(13_325_000, MeasurementTime.maximumNs(1, 4, 0), "and maximum");
        assertEquals(13_900, MeasurementTime.apiDelayMicros(1, 4, 0), "the driver adds both 575 µs terms");
    }
}
