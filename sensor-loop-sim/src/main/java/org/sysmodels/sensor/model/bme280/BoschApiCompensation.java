package org.sysmodels.sensor.model.bme280;

/**
 * The integer compensation of Bosch's BME280_SensorAPI ({@code bme280.c}: {@code compensate_temperature},
 * {@code compensate_pressure} with 64-bit arithmetic, {@code compensate_humidity}): C division where the data sheet
 * shifts, temperature clamped to −40…85 °C, pressure in 0.01 Pa clamped to 300…1100 hPa (the minimum when the
 * divisor is 0), humidity clamped to 100 %RH. The data sheet recommends using this driver.
 */
public final class BoschApiCompensation implements Compensation {

    static final int TEMPERATURE_MIN = -4000;
    static final int TEMPERATURE_MAX = 8500;
    static final long PRESSURE_MIN = 3_000_000;
    static final long PRESSURE_MAX = 11_000_000;
    static final int HUMIDITY_MAX = 102_400;

    BoschApiCompensation() {
    }

    @Override
    public String name() {
        return "bosch-api";
    }

    @Override
    public int tFine(Calibration c, int adcT) {
        int var1 = (adcT / 8) - c.t1() * 2;
        var1 = (var1 * c.t2()) / 2048;
        int var2 = (adcT / 16) - c.t1();
        var2 = (((var2 * var2) / 4096) * c.t3()) / 16384;
        return var1 + var2;
    }

    @Override
    public int temperature(int tFine) {
        int t = (tFine * 5 + 128) / 256;
        return Math.max(TEMPERATURE_MIN, Math.min(TEMPERATURE_MAX, t));
    }

    @Override
    public long pressure(Calibration c, int adcP, int tFine) {
        long var1 = (long) tFine - 128000;
        long var2 = var1 * var1 * c.p6();
        var2 = var2 + (var1 * c.p5()) * 131072;
        var2 = var2 + c.p4() * 34359738368L;
        var1 = (var1 * var1 * c.p3()) / 256 + var1 * c.p2() * 4096;
        long var3 = 140737488355328L;
        var1 = (var3 + var1) * c.p1() / 8589934592L;
        if (var1 == 0) {
            return PRESSURE_MIN;
        }
        long var4 = 1048576 - (adcP & 0xFFFF_FFFFL);
        var4 = ((var4 * 2147483648L - var2) * 3125) / var1;
        var1 = (c.p9() * (var4 / 8192) * (var4 / 8192)) / 33554432;
        var2 = (c.p8() * var4) / 524288;
        var4 = (var4 + var1 + var2) / 256 + c.p7() * 16L;
        long p = (((var4 / 2) * 100) / 128) & 0xFFFF_FFFFL;
        return Math.max(PRESSURE_MIN, Math.min(PRESSURE_MAX, p));
    }

    @Override
    public double pascals(long pressure) {
        return pressure / 100.0;
    }

    @Override
    public String pressureUnit() {
        return "0.01 Pa";
    }

    @Override
    public int humidity(Calibration c, int adcH, int tFine) {
        int var1 = tFine - 76800;
        int var2 = adcH * 16384;
        int var3 = c.h4() * 1048576;
        int var4 = c.h5() * var1;
        int var5 = (((var2 - var3) - var4) + 16384) / 32768;
        var2 = (var1 * c.h6()) / 1024;
        var3 = (var1 * c.h3()) / 2048;
        var4 = ((var2 * (var3 + 32768)) / 1024) + 2097152;
        var2 = ((var4 * c.h2()) + 8192) / 16384;
        var3 = var5 * var2;
        var4 = ((var3 / 32768) * (var3 / 32768)) / 128;
        var5 = var3 - ((var4 * c.h1()) / 16);
        var5 = Math.max(0, Math.min(419430400, var5));
        return Math.min(HUMIDITY_MAX, var5 / 4096);
    }
}
