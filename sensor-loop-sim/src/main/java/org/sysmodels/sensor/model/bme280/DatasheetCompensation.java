package org.sysmodels.sensor.model.bme280;

/**
 * The data sheet's integer formulas (BST-BME280-DS001 §4.2.3): {@code BME280_compensate_T_int32},
 * {@code BME280_compensate_P_int64} (Pa in Q24.8, 0 when the divisor is 0) and {@code bme280_compensate_H_int32}
 * (%RH in Q22.10, clamped to 0…100 %RH before the final shift).
 */
public final class DatasheetCompensation implements Compensation {

    DatasheetCompensation() {
    }

    @Override
    public String name() {
        return "datasheet";
    }

    @Override
    public int tFine(Calibration c, int adcT) {
        int var1 = (((adcT >> 3) - (c.t1() << 1)) * c.t2()) >> 11;
        int d = (adcT >> 4) - c.t1();
        int var2 = (((d * d) >> 12) * c.t3()) >> 14;
        return var1 + var2;
    }

    @Override
    public int temperature(int tFine) {
        return (tFine * 5 + 128) >> 8;
    }

    @Override
    public long pressure(Calibration c, int adcP, int tFine) {
        long var1 = (long) tFine - 128000;
        long var2 = var1 * var1 * c.p6();
        var2 = var2 + ((var1 * c.p5()) << 17);
        var2 = var2 + ((long) c.p4() << 35);
        var1 = ((var1 * var1 * c.p3()) >> 8) + ((var1 * c.p2()) << 12);
        var1 = (((1L << 47) + var1) * c.p1()) >> 33;
        if (var1 == 0) {
            return 0;
        }
        long p = 1048576 - adcP;
        p = (((p << 31) - var2) * 3125) / var1;
        var1 = (c.p9() * (p >> 13) * (p >> 13)) >> 25;
        var2 = (c.p8() * p) >> 19;
        p = ((p + var1 + var2) >> 8) + ((long) c.p7() << 4);
        return p & 0xFFFF_FFFFL;
    }

    @Override
    public double pascals(long pressure) {
        return pressure / 256.0;
    }

    @Override
    public String pressureUnit() {
        return "Pa·256 (Q24.8)";
    }

    @Override
    public int humidity(Calibration c, int adcH, int tFine) {
        int v = tFine - 76800;
        int a = ((adcH << 14) - (c.h4() << 20) - (c.h5() * v) + 16384) >> 15;
        int b = ((((((v * c.h6()) >> 10) * (((v * c.h3()) >> 11) + 32768)) >> 10) + 2097152) * c.h2() + 8192) >> 14;
        v = a * b;
        v = v - (((((v >> 15) * (v >> 15)) >> 7) * c.h1()) >> 4);
        v = Math.max(0, Math.min(419430400, v));
        return v >>> 12;
    }
}
