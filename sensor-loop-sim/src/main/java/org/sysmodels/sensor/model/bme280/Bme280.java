package org.sysmodels.sensor.model.bme280;

import org.sysmodels.sensor.model.i2c.I2cTarget;
import org.sysmodels.sensor.model.physical.Environment;

/**
 * A Bosch BME280 on I2C (BST-BME280-DS001): the register map of §5.3 (chip id 0x60, soft reset 0xB6, ctrl_hum,
 * status, ctrl_meas, config, the data burst 0xF7–0xFE and the calibration NVM) and the I2C framing of §6.2 (writes
 * as register/value pairs, reads from an auto-incrementing pointer), over a {@link MeasurementCycle} that produces
 * measurements through a {@link Conversion}:
 *
 * <ul>
 *   <li>a measurement takes the data sheet's typical time (§9.1, {@link MeasurementTime}); status.measuring is 1
 *       while it runs; the data registers change when it ends, never inside a burst read (shadowing, §4);
 *   <li>ctrl_hum takes effect at the next ctrl_meas write (§5.4.3); a ctrl_meas write during a measurement takes
 *       effect when it ends (§3.3.1); config writes in normal mode are ignored (the data sheet says they "may be
 *       ignored", §5.4.6); after power-on or soft reset the part needs 2 ms (Table 1), im_update set meanwhile;
 *   <li>no clock stretching ("the device does not perform clock stretching", §6.2).
 * </ul>
 *
 * <p>Measurements are computed lazily, in order, when the bus reads the part, so reading changes nothing.
 */
public final class Bme280 implements I2cTarget, MeasurementCycle.Sink {

    /** Start-up and NVM copy after power-on or soft reset (Table 1: start-up time 2 ms). */
    public static final long STARTUP_NS = 2_000_000;

    private final SensorSpec spec;
    private final Calibration cal;
    private final byte[] tp;
    private final byte[] hb;
    private final Conversion conversion;

    private int ctrlHum;
    private int ctrlMeas;
    private int config;
    private MeasurementCycle cycle = MeasurementCycle.Sleep.SLEEP;
    private int osT;
    private int osP;
    private int osH;
    private int filter = 1;
    private long startupUntil;
    private int pendingCtrlMeas = -1;
    private long pendingAt = -1;
    /** Nothing changes before this time: {@link #update} returns at once (it runs on every byte read). */
    private long quietUntil;

    private int pointer;
    private boolean expectRegister;
    private int writeRegister = -1;
    private boolean silent;

    public Bme280(SensorSpec spec, Calibration cal, Environment env, long seed) {
        this.spec = spec;
        this.cal = cal;
        this.tp = cal.tpBlock();
        this.hb = cal.hBlock();
        this.conversion = new Conversion(spec, cal, env, seed);
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
        return conversion.measurements();
    }

    // ------------------------------------------------------------------------------------------- faults

    /** The output freezes: the data registers keep their last values, the part still looks busy and healthy. */
    public void stick() {
        conversion.stick();
    }

    /** From {@code now} on, the temperature reads {@code celsiusPerSecond} more per second. */
    public void drift(double celsiusPerSecond, long now) {
        conversion.drift(celsiusPerSecond, now);
    }

    /** Extra temperature noise (RMS, °C) on every measurement. */
    public void addNoise(double sigma) {
        conversion.addNoise(sigma);
    }

    /** The next measurement's temperature is off by {@code celsius} (one spike). */
    public void spike(double celsius) {
        conversion.spike(celsius);
    }

    /** The part stops answering (NACKs its address): powered off, brown-out, broken wire. */
    public void silence(boolean on) {
        silent = on;
    }

    /** Temperature error a drift adds at {@code now}. */
    public double driftAt(long now) {
        return conversion.driftAt(now);
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

    /** The data sheet: "the device does not perform clock stretching" (§6.2). */
    @Override
    public boolean stretches() {
        return false;
    }

    /** A burst inside the data registers is one measurement (shadowing, §4): copied at once. */
    @Override
    public void read(byte[] into, int len, long now) {
        int from = pointer - Bme280Registers.DATA;
        if (from < 0 || from + len > Bme280Registers.DATA_LENGTH) {
            I2cTarget.super.read(into, len, now);
            return;
        }
        update(now);
        System.arraycopy(conversion.data, from, into, 0, len);
        pointer = (pointer + len) & 0xFF;
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
        if (reg >= Bme280Registers.DATA && reg < Bme280Registers.DATA + Bme280Registers.DATA_LENGTH) {
            update(now);    // a burst happens at one instant: one measurement (shadowing, DS §4)
            return conversion.data[reg - Bme280Registers.DATA] & 0xFF;
        }
        return switch (reg) {
            case Bme280Registers.ID -> Bme280Registers.CHIP_ID;
            case Bme280Registers.CTRL_HUM -> ctrlHum;
            case Bme280Registers.STATUS -> status(now);
            case Bme280Registers.CTRL_MEAS -> {
                update(now);
                yield (ctrlMeas & ~3) | cycle.modeBits();
            }
            case Bme280Registers.CONFIG -> config;
            default -> 0;
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
                long end = cycle.measuringUntil(now);
                if (end > now) {
                    pendingCtrlMeas = value;     // takes effect when the running measurement ends
                    pendingAt = end;
                } else {
                    applyCtrlMeas(value, now);
                }
            }
            case Bme280Registers.CONFIG -> {
                if (cycle.modeBits() != 3) {
                    config = value & 0xFD;
                }
            }
            default -> {
            }
        }
    }

    private void applyCtrlMeas(int value, long at) {
        ctrlMeas = value & 0xFF;
        osT = Oversampling.factor(ctrlMeas >> 5);
        osP = Oversampling.factor(ctrlMeas >> 2);
        osH = Oversampling.factor(ctrlHum);
        filter = MeasurementTime.filterCoefficient(config >> 2);
        cycle = MeasurementCycle.start(ctrlMeas & 3, at, MeasurementTime.typicalNs(osT, osP, osH),
                MeasurementTime.standbyNs(config >> 5));
    }

    private int status(long now) {
        update(now);
        int s = 0;
        if (now < startupUntil) {
            s |= Bme280Registers.STATUS_IM_UPDATE;
        }
        if (cycle.measuringUntil(now) > now) {
            s |= Bme280Registers.STATUS_MEASURING;
        }
        return s;
    }

    private void powerOn(long now) {
        quietUntil = 0;
        ctrlHum = 0;
        ctrlMeas = 0;
        config = 0;
        cycle = MeasurementCycle.Sleep.SLEEP;
        pendingCtrlMeas = -1;
        pendingAt = -1;
        startupUntil = now + STARTUP_NS;
        conversion.reset();
        expectRegister = false;
    }

    // ------------------------------------------------------------------------------------- measurements

    /** Delivers every measurement that has ended by {@code now}, in order, and a ctrl_meas write that was waiting. */
    private void update(long now) {
        if (now < quietUntil) {
            return;
        }
        if (pendingAt >= 0 && now >= pendingAt) {
            long at = pendingAt;
            pendingAt = -1;
            cycle = cycle.advance(at, this);
            applyCtrlMeas(pendingCtrlMeas, at);
            pendingCtrlMeas = -1;
        }
        cycle = cycle.advance(now, this);
        quietUntil = pendingAt >= 0 ? Math.min(pendingAt, cycle.nextChange()) : cycle.nextChange();
    }

    @Override
    public void measured(long at) {
        conversion.measure(at, osT, osP, osH, filter);
    }
}
