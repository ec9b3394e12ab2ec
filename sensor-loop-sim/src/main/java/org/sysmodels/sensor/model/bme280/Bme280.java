package org.sysmodels.sensor.model.bme280;

import org.sysmodels.sensor.model.i2c.I2cTarget;
import org.sysmodels.sensor.model.physical.Environment;
import org.sysmodels.sensor.model.physical.Noise;

/**
 * A Bosch BME280 on I2C (BST-BME280-DS001): the register map of §5.3 (chip id 0x60, soft reset 0xB6, ctrl_hum,
 * status, ctrl_meas, config, the burst 0xF7–0xFE and the calibration NVM), and its measurement cycle on virtual time:
 *
 * <ul>
 *   <li>sleep mode after reset; forced mode (mode 01 or 10) makes one measurement and returns to sleep; normal mode
 *       (11) measures, waits t_standby, measures again (§3.3);
 *   <li>a measurement takes the data sheet's typical time (§9.1, {@link MeasurementTime}); status.measuring is 1
 *       while it runs; the data registers change when it ends, never during a burst read (shadowing, §4);
 *   <li>ctrl_hum takes effect only at the next ctrl_meas write (§5.4.3); a mode change during a measurement waits for
 *       its end; config writes in normal mode are ignored (the data sheet says they "may be ignored", §5.4.6);
 *   <li>a skipped measurement reads 0x80000 (T, P) or 0x8000 (H); with the IIR filter off, T and P have
 *       16 + (osrs − 1) bits, the rest read 0; the filter (T and P only) smooths the 20-bit values
 *       (data = (old·(c − 1) + new) / c, §3.4.4);
 *   <li>no clock stretching ("the device does not perform clock stretching", §6.2).
 * </ul>
 *
 * <p>The raw values come from the physical environment through {@link AdcInverse}, plus the part's offset and
 * noise (divided by √osrs), computed lazily when the firmware reads, in measurement order, so reads do not change
 * what is measured. Injected faults act on the part: stuck output, drift, extra noise, spikes, silence.
 */
public final class Bme280 implements I2cTarget {

    /** Start-up and NVM copy after power-on or soft reset (Table 1: start-up time 2 ms), im_update set meanwhile. */
    public static final long STARTUP_NS = 2_000_000;

    private final SensorSpec spec;
    private final Calibration cal;
    private final byte[] tp;
    private final byte[] hb;
    private final Environment env;
    private final long seed;

    // registers
    private int ctrlHum;
    private int ctrlHumLatched;
    private int ctrlMeas;
    private int config;
    private final byte[] data = new byte[Bme280Registers.DATA_LENGTH];

    // measurement cycle
    private int mode;             // 0 sleep, 1 forced, 3 normal
    private int osT;
    private int osP;
    private int osH;
    private long cycleStart;
    private long measureNs;
    private long periodNs;
    private long done;            // measurements of the current cycle already produced
    private long measurements;    // all measurements ever produced (noise index)
    private long startupUntil;
    private double iirT = Double.NaN;
    private double iirP = Double.NaN;
    private int nextCtrlMeas = -1;
    /** Nothing changes before this time: {@link #update} returns at once (it runs on every byte read). */
    private long quietUntil;
    private long latchedAt = -1;

    // I2C protocol
    private int pointer;
    private boolean expectRegister;
    private int writeRegister = -1;

    // faults
    private boolean stuck;
    private double driftPerNs;
    private long driftSince;
    private double extraNoise;
    private double spike;
    private boolean silent;

    public Bme280(SensorSpec spec, Calibration cal, Environment env, long seed) {
        this.spec = spec;
        this.cal = cal;
        this.tp = cal.tpBlock();
        this.hb = cal.hBlock();
        this.env = env;
        this.seed = seed;
        powerOn(0);
    }

    @Override
    public int address() {
        return spec.address();
    }

    public Calibration calibration() {
        return cal;
    }

    public SensorSpec spec() {
        return spec;
    }

    /** Measurements the part has made so far (for reports). */
    public long measurements() {
        return measurements;
    }

    // ------------------------------------------------------------------------------------------- faults

    /** The output freezes: the data registers keep their last values, the part still looks busy and healthy. */
    public void stick() {
        stuck = true;
    }

    /** From {@code now} on, the temperature reads {@code celsiusPerSecond} more per second. */
    public void drift(double celsiusPerSecond, long now) {
        driftPerNs = celsiusPerSecond / 1e9;
        driftSince = now;
    }

    /** Extra temperature noise (RMS, °C) on every measurement. */
    public void addNoise(double sigma) {
        extraNoise = sigma;
    }

    /** The next measurement's temperature is off by {@code celsius} (one spike). */
    public void spike(double celsius) {
        spike = celsius;
    }

    /** The part stops answering (NACKs its address): powered off, brown-out, broken wire. */
    public void silence(boolean on) {
        silent = on;
    }

    /** Temperature error the faults add at {@code now} (for the FTTI check's "when does it matter"). */
    public double driftAt(long now) {
        return driftPerNs == 0 ? 0 : driftPerNs * (now - driftSince);
    }

    // ---------------------------------------------------------------------------------------- I2C target

    @Override
    public boolean select(boolean read, long now) {
        if (silent) {
            return false;
        }
        if (read) {
            update(now);
        } else {
            expectRegister = true;
        }
        return true;
    }

    @Override
    public boolean write(int value, long now) {
        if (expectRegister) {
            writeRegister = value;
            pointer = value;
            expectRegister = false;
        } else {
            writeRegister(writeRegister, value, now);
            expectRegister = true;
        }
        return true;
    }

    @Override
    public int read(long now) {
        int v = readRegister(pointer, now);
        pointer = (pointer + 1) & 0xFF;
        return v;
    }

    @Override
    public void stop(long now) {
        expectRegister = false;
    }

    @Override
    public void abandon(long now) {
        expectRegister = false;
    }

    // ----------------------------------------------------------------------------------------- registers

    /** The register at {@code reg} as a read at {@code now} returns it. */
    public int readRegister(int reg, long now) {
        if (reg >= Bme280Registers.CALIB_TP && reg <= Bme280Registers.CALIB_H1) {
            return tp[reg - Bme280Registers.CALIB_TP] & 0xFF;
        }
        if (reg >= Bme280Registers.CALIB_H && reg < Bme280Registers.CALIB_H + Calibration.H_BLOCK) {
            return hb[reg - Bme280Registers.CALIB_H] & 0xFF;
        }
        return switch (reg) {
            case Bme280Registers.ID -> Bme280Registers.CHIP_ID;
            case Bme280Registers.CTRL_HUM -> ctrlHum;
            case Bme280Registers.STATUS -> status(now);
            case Bme280Registers.CTRL_MEAS -> {
                update(now);
                yield (ctrlMeas & ~3) | mode;
            }
            case Bme280Registers.CONFIG -> config;
            default -> {
                if (reg >= Bme280Registers.DATA && reg < Bme280Registers.DATA + Bme280Registers.DATA_LENGTH) {
                    update(now);    // a burst happens at one instant: one measurement (shadowing, DS §4)
                    yield data[reg - Bme280Registers.DATA] & 0xFF;
                }
                yield 0;
            }
        };
    }

    private void writeRegister(int reg, int value, long now) {
        update(now);
        quietUntil = 0;
        switch (reg) {
            case Bme280Registers.RESET -> {
                if (value == Bme280Registers.SOFT_RESET) {
                    powerOn(now);
                }
            }
            case Bme280Registers.CTRL_HUM -> ctrlHum = value & 0x07;
            case Bme280Registers.CTRL_MEAS -> {
                if (now < startupUntil) {
                    return;
                }
                long end = measuringUntil(now);
                if (end > now) {
                    nextCtrlMeas = value;     // applied when the running measurement ends
                    scheduleLatchedWrite(end);
                } else {
                    applyCtrlMeas(value, now);
                }
            }
            case Bme280Registers.CONFIG -> {
                if (mode != 3) {
                    config = value & 0xFD;
                }
            }
            default -> {
            }
        }
    }

    private void scheduleLatchedWrite(long at) {
        latchedAt = at;
    }

    private void applyCtrlMeas(int value, long at) {
        ctrlMeas = value & 0xFF;
        ctrlHumLatched = ctrlHum;
        osT = Oversampling.factor(ctrlMeas >> 5);
        osP = Oversampling.factor(ctrlMeas >> 2);
        osH = Oversampling.factor(ctrlHumLatched);
        measureNs = MeasurementTime.typicalNs(osT, osP, osH);
        int m = ctrlMeas & 3;
        mode = m == 0 ? 0 : m == 3 ? 3 : 1;
        cycleStart = at;
        done = 0;
        periodNs = measureNs + MeasurementTime.standbyNs(config >> 5);
    }

    private int status(long now) {
        update(now);
        int s = 0;
        if (now < startupUntil) {
            s |= Bme280Registers.STATUS_IM_UPDATE;
        }
        if (measuringUntil(now) > now) {
            s |= Bme280Registers.STATUS_MEASURING;
        }
        return s;
    }

    /** End of the measurement running at {@code now}, or {@code now} if none. */
    private long measuringUntil(long now) {
        if (mode == 1) {
            long end = cycleStart + measureNs;
            return now < end ? end : now;
        }
        if (mode == 3) {
            long into = (now - cycleStart) % periodNs;
            return into < measureNs ? now - into + measureNs : now;
        }
        return now;
    }

    private void powerOn(long now) {
        quietUntil = 0;
        ctrlHum = 0;
        ctrlHumLatched = 0;
        ctrlMeas = 0;
        config = 0;
        mode = 0;
        done = 0;
        nextCtrlMeas = -1;
        latchedAt = -1;
        iirT = Double.NaN;
        iirP = Double.NaN;
        startupUntil = now + STARTUP_NS;
        java.util.Arrays.fill(data, (byte) 0);
        data[0] = (byte) 0x80;
        data[3] = (byte) 0x80;
        data[6] = (byte) 0x80;
        expectRegister = false;
    }

    // ------------------------------------------------------------------------------------- measurements

    /** Produces every measurement that has ended by {@code now}, in order. */
    private void update(long now) {
        if (now < quietUntil) {
            return;
        }
        if (latchedAt >= 0 && now >= latchedAt) {
            long at = latchedAt;
            latchedAt = -1;
            produceUntil(at);
            applyCtrlMeas(nextCtrlMeas, at);
            nextCtrlMeas = -1;
        }
        produceUntil(now);
        quietUntil = nextChange();
    }

    private void produceUntil(long now) {
        if (mode == 1) {
            long end = cycleStart + measureNs;
            if (now >= end) {
                produce(end);
                mode = 0;
            }
        } else if (mode == 3) {
            long first = cycleStart + measureNs;
            if (now < first) {
                return;
            }
            long count = (now - first) / periodNs + 1;
            for (long k = done; k < count; k++) {
                produce(cycleStart + k * periodNs + measureNs);
            }
            done = count;
        }
    }

    /** When the next measurement ends or a latched write applies (the next time {@link #update} has work). */
    private long nextChange() {
        long next = Long.MAX_VALUE;
        if (mode == 1) {
            next = cycleStart + measureNs;
        } else if (mode == 3) {
            next = cycleStart + done * periodNs + measureNs;
        }
        if (latchedAt >= 0) {
            next = Math.min(next, latchedAt);
        }
        return next;
    }

    private void produce(long at) {
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
            adcT = AdcInverse.temperature(cal, t);
            adcT = filter(adcT, true, osT);
            tFine = FloatCompensation.tFine(cal, adcT);
        }
        int adcP = Bme280Registers.SKIPPED_20;
        if (osP > 0) {
            double p = env.pressure().at(at) + spec.pressureOffset() + noise(spec.pressureNoise(), osP, 3 * n + 1);
            adcP = filter(AdcInverse.pressure(cal, p, tFine), false, osP);
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
    private int filter(int adc, boolean temperature, int os) {
        int c = MeasurementTime.filterCoefficient(config >> 2);
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
