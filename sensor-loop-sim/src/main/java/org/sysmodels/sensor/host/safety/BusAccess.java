package org.sysmodels.sensor.host.safety;

import org.sysmodels.sensor.host.driver.Bme280Driver;
import org.sysmodels.sensor.model.i2c.I2cController;
import org.sysmodels.sensor.model.i2c.I2cStatus;

/**
 * How the firmware reads a sensor over a bus that can fail: every transfer has a timeout, a hung bus (SDA held low,
 * so no START is possible) gets the bus clear of UM10204 §3.1.16 (up to nine SCL clocks, then STOP) and one retry,
 * and a missing acknowledge gets one retry. Each finding is reported once per episode.
 */
public class BusAccess {

    /** Sets up a controller before first use: the transfer timeout. */
    public void configure(I2cController i2c, SafetyParameters p) {
        i2c.setTimeout(p.i2cTimeoutUs() * 1000L);
    }

    /** Reads channel {@code ch} through its driver; OK means the driver holds a fresh burst. */
    public I2cStatus read(Bme280Driver d, int ch, Diagnostics diag) {
        I2cStatus s = d.read();
        if (s == I2cStatus.BUS_BUSY) {
            diag.report(Dtc.I2C_BUS_HANG, ch);
            int clocks = d.i2c().busClear();
            if (clocks < 0) {
                diag.report(Dtc.I2C_BUS_STUCK, ch);
                return s;
            }
            diag.report(Dtc.I2C_BUS_RECOVERED, ch);
            diag.clear(Dtc.I2C_BUS_HANG, ch);
            diag.clear(Dtc.I2C_BUS_RECOVERED, ch);
            s = d.read();
        } else if (s == I2cStatus.NACK_ADDRESS || s == I2cStatus.NACK_DATA) {
            diag.report(Dtc.I2C_NACK, ch);
            s = d.read();
        }
        if (s == I2cStatus.OK) {
            diag.clear(Dtc.I2C_NACK, ch);
        }
        return s;
    }
}
