package org.sysmodels.sensor.model.bme280;

import org.sysmodels.sensor.model.physical.Environment;
import org.sysmodels.sensor.model.physical.Noise;

/**
 * What one measurement puts in the data registers 0xF7–0xFE: the physical inputs at the time it ends, plus the part's
 * offset and its noise (divided by √osrs), through the inverse of the data sheet's compensation
 * ({@link AdcInverse}); skipped measurements read 0x80000 / 0x8000 (DS Tables 20, 23, 24); with the IIR filter off T
 * and P keep 16 + (osrs − 1) bits (§3.4.2), with it on the filter smooths the 20-bit values (data = (old·(c − 1) +
 * new) / c, §3.4.4; humidity is not filtered). Injected faults act here: a stuck output, drift, extra noise, a spike.
 *
 * <p>Noise is drawn by measurement number, so a measurement's value does not depend on when the bus reads it.
 */
final class Conversion {

    private final SensorSpec spec;
    private final Calibration cal;
    private final Environment env;
    private final long seed;
    final byte[] data = new byte[Bme280Registers.DATA_LENGTH];
    private long measurements;
    private double iirT = Double.NaN;
    private double iirP = Double.NaN;

    private boolean stuck;
    private double driftPerNs;
    private long driftSince;
    private double extraNoise;
    private double spike;

    Conversion(SensorSpec spec, Calibration cal, Environment env, long seed) {
        this.spec = spec;
        this.cal = cal;
        this.env = env;
        this.seed = seed;
        reset();
    }

    /** Power-on values: msb 0x80 of each reading, the filter empty (Table 18). */
    void reset() {
        java.util.Arrays.fill(data, (byte) 0);
        data[0] = (byte) 0x80;
        data[3] = (byte) 0x80;
        data[6] = (byte) 0x80;
        iirT = Double.NaN;
        iirP = Double.NaN;
    }

    long measurements() {
        return measurements;
    }

    void stick() {
        stuck = true;
    }

    void drift(double celsiusPerSecond, long now) {
        driftPerNs = celsiusPerSecond / 1e9;
        driftSince = now;
    }

    double driftAt(long now) {
        return driftPerNs == 0 ? 0 : driftPerNs * (now - driftSince);
    }

    void addNoise(double sigma) {
        extraNoise = sigma;
    }

    void spike(double celsius) {
        spike = celsius;
    }

    /**
     * One measurement ending at {@code at} with oversampling factors t, p, h (0 = skipped) and IIR coefficient
     * {@code filter} (1 = off).
     */
    void measure(long at, int osT, int osP, int osH, int filter) {
        long n = measurements++;
        if (stuck) {
            return;
        }
        double t = env.temperature().at(at) + spec.temperatureOffset() + driftAt(at)
                + noise(spec.temperatureNoise(), osT, 3 * n) + spike;
        if (extraNoise > 0) {
            t += extraNoise * Noise.normal(seed ^ 0x5eedL, n);
        }
        spike = 0;
        int adcT;
        double tFine;
        if (osT == 0) {
            adcT = Bme280Registers.SKIPPED_20;
            tFine = t * 5120.0;
        } else {
            adcT = filter(AdcInverse.temperature(cal, t), true, osT, filter);
            tFine = FloatCompensation.tFine(cal, adcT);
        }
        int adcP = Bme280Registers.SKIPPED_20;
        if (osP > 0) {
            double p = env.pressure().at(at) + spec.pressureOffset() + noise(spec.pressureNoise(), osP, 3 * n + 1);
            adcP = filter(AdcInverse.pressure(cal, p, tFine), false, osP, filter);
        }
        int adcH = Bme280Registers.SKIPPED_16;
        if (osH > 0) {
            double h = env.humidity().at(at) + spec.humidityOffset() + noise(spec.humidityNoise(), osH, 3 * n + 2);
            adcH = AdcInverse.humidity(cal, h, tFine);
        }
        data[0] = (byte) (adcP >>> 12);
        data[1] = (byte) (adcP >>> 4);
        data[2] = (byte) (adcP << 4);
        data[3] = (byte) (adcT >>> 12);
        data[4] = (byte) (adcT >>> 4);
        data[5] = (byte) (adcT << 4);
        data[6] = (byte) (adcH >>> 8);
        data[7] = (byte) adcH;
    }

    private double noise(double sigma, int os, long k) {
        if (sigma == 0) {
            return 0;
        }
        return sigma / Math.sqrt(os) * Noise.normal(seed, k);
    }

    /** IIR filter and resolution of a 20-bit T or P value. */
    private int filter(int adc, boolean temperature, int os, int c) {
        if (c == 1) {
            int bits = Oversampling.resolutionBits(Oversampling.code(os), false);
            return adc & ~((1 << (20 - bits)) - 1);
        }
        double old = temperature ? iirT : iirP;
        double v = Double.isNaN(old) ? adc : (old * (c - 1) + adc) / c;
        if (temperature) {
            iirT = v;
        } else {
            iirP = v;
        }
        return (int) Math.round(v);
    }
}
