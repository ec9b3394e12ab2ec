package org.sysmodels.sensor.host.driver;

import org.sysmodels.sensor.model.bme280.Bme280Registers;
import org.sysmodels.sensor.model.bme280.Calibration;
import org.sysmodels.sensor.model.bme280.Compensation;
import org.sysmodels.sensor.model.bme280.Oversampling;
import org.sysmodels.sensor.model.core.Core;
import org.sysmodels.sensor.model.i2c.I2cController;
import org.sysmodels.sensor.model.i2c.I2cStatus;

/**
 * Firmware's driver for one BME280, following the order of Bosch's BME280_SensorAPI ({@code bme280_init}: read the
 * chip id, soft-reset, wait for the NVM copy, read both calibration blocks; then configure in sleep mode and start
 * normal mode) and reading the data as one burst from 0xF7 so the three values belong to the same measurement.
 * Preallocated buffers: a read allocates nothing.
 */
public final class Bme280Driver {

    /** Cycles to decode and compensate one burst (an estimate for a Cortex-M4 with 64-bit pressure arithmetic). */
    public static final int COMPENSATE_CYCLES = 420;

    private final I2cController i2c;
    private final Core core;
    private final int address;
    private final Compensation compensation;
    private final byte[] tx = new byte[2];
    private final byte[] rx = new byte[Calibration.TP_BLOCK];
    private final byte[] data = new byte[Bme280Registers.DATA_LENGTH];
    private Calibration calibration;
    private int temperature;
    private long pressure;
    private int humidity;
    private long raw;
    private boolean fresh;
    /** The raw triple and calibration the values above were compensated from: equal input, equal output. */
    private int lastT = -1;
    private int lastP = -1;
    private int lastH = -1;
    private Calibration lastCalibration;

    public Bme280Driver(I2cController i2c, Core core, int address, Compensation compensation) {
        this.i2c = i2c;
        this.core = core;
        this.address = address;
        this.compensation = compensation;
    }

    public int address() {
        return address;
    }

    public I2cController i2c() {
        return i2c;
    }

    public Compensation compensation() {
        return compensation;
    }

    public Calibration calibration() {
        return calibration;
    }

    /**
     * Identifies, resets, reads the calibration and starts normal mode with osrs_t, osrs_p, osrs_h (factors), t_sb
     * code and filter code. @return OK, an I2C error, or NACK_DATA when the chip id is wrong
     */
    public I2cStatus init(int osT, int osP, int osH, int standbyCode, int filterCode) {
        I2cStatus s = readRegisters(Bme280Registers.ID, rx, 1);
        if (s != I2cStatus.OK) {
            return s;
        }
        if ((rx[0] & 0xFF) != Bme280Registers.CHIP_ID) {
            return I2cStatus.NACK_DATA;
        }
        s = writeRegister(Bme280Registers.RESET, Bme280Registers.SOFT_RESET);
        if (s != I2cStatus.OK) {
            return s;
        }
        for (int tries = 0; tries < 5; tries++) {
            core.busyWait(2_000_000);
            s = readRegisters(Bme280Registers.STATUS, rx, 1);
            if (s != I2cStatus.OK) {
                return s;
            }
            if ((rx[0] & Bme280Registers.STATUS_IM_UPDATE) == 0) {
                break;
            }
        }
        s = readRegisters(Bme280Registers.CALIB_TP, rx, Calibration.TP_BLOCK);
        if (s != I2cStatus.OK) {
            return s;
        }
        byte[] tp = rx.clone();
        byte[] h = new byte[Calibration.H_BLOCK];
        s = readRegisters(Bme280Registers.CALIB_H, h, Calibration.H_BLOCK);
        if (s != I2cStatus.OK) {
            return s;
        }
        calibration = Calibration.parse(tp, h);
        s = writeRegister(Bme280Registers.CTRL_HUM, Oversampling.code(osH));
        if (s == I2cStatus.OK) {
            s = writeRegister(Bme280Registers.CONFIG, (standbyCode & 7) << 5 | (filterCode & 7) << 2);
        }
        if (s == I2cStatus.OK) {
            s = writeRegister(Bme280Registers.CTRL_MEAS, Oversampling.code(osT) << 5 | Oversampling.code(osP) << 2
                    | 0b11);
        }
        return s;
    }

    /** Reads the data burst and compensates it. Values are valid only when OK is returned. */
    public I2cStatus read() {
        tx[0] = (byte) Bme280Registers.DATA;
        I2cStatus s = i2c.writeRead(address, tx, 1, data, Bme280Registers.DATA_LENGTH);
        if (s != I2cStatus.OK) {
            return s;
        }
        int adcP = Bme280Registers.adcP(data, 0);
        int adcT = Bme280Registers.adcT(data, 0);
        int adcH = Bme280Registers.adcH(data, 0);
        fresh = adcT != Bme280Registers.SKIPPED_20;
        if (!fresh) {
            return s;     // no conversion has finished since reset: the registers hold their reset value
        }
        raw = (long) adcT << 40 ^ (long) adcP << 16 ^ adcH;
        if (adcT != lastT || adcP != lastP || adcH != lastH || calibration != lastCalibration) {
            compensate(adcT, adcP, adcH);
        }
        core.charge(COMPENSATE_CYCLES);    // the MCU computes it every time; only the simulator reuses the result
        return s;
    }

    /**
     * The compensation is a pure function of the raw triple and the calibration, and the part measures every few
     * loop periods: an unchanged burst gives the values already held, so the simulator computes them only when the
     * burst changed.
     */
    private void compensate(int adcT, int adcP, int adcH) {
        int tFine = compensation.tFine(calibration, adcT);
        temperature = compensation.temperature(tFine);
        pressure = compensation.pressure(calibration, adcP, tFine);
        humidity = compensation.humidity(calibration, adcH, tFine);
        lastT = adcT;
        lastP = adcP;
        lastH = adcH;
        lastCalibration = calibration;
    }

    /** False when the last OK read returned the reset value 0x80000: no measurement finished yet. */
    public boolean fresh() {
        return fresh;
    }

    /** Temperature of the last good read, 0.01 °C. */
    public int temperature() {
        return temperature;
    }

    /** Pressure of the last good read, in the compensation's unit. */
    public long pressure() {
        return pressure;
    }

    /** Humidity of the last good read, Q22.10 %RH. */
    public int humidity() {
        return humidity;
    }

    /** The last burst's raw values packed in one long: equal bursts give equal values (for the frozen check). */
    public long raw() {
        return raw;
    }

    public I2cStatus readRegisters(int reg, byte[] into, int len) {
        tx[0] = (byte) reg;
        return i2c.writeRead(address, tx, 1, into, len);
    }

    public I2cStatus writeRegister(int reg, int value) {
        tx[0] = (byte) reg;
        tx[1] = (byte) value;
        return i2c.write(address, tx, 2);
    }
}
