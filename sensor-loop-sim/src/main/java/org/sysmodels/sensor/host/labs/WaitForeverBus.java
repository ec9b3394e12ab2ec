package org.sysmodels.sensor.host.labs;

import org.sysmodels.sensor.host.driver.Bme280Driver;
import org.sysmodels.sensor.host.safety.BusAccess;
import org.sysmodels.sensor.host.safety.Diagnostics;
import org.sysmodels.sensor.host.safety.Dtc;
import org.sysmodels.sensor.host.safety.SafetyParameters;
import org.sysmodels.sensor.model.i2c.I2cController;
import org.sysmodels.sensor.model.i2c.I2cStatus;

/** Bug lab component: transfers without a timeout and no bus clear, the way many HAL examples are written. */
public final class WaitForeverBus extends BusAccess {

    @Override
    public void configure(I2cController i2c, SafetyParameters p) {
        i2c.setTimeout(0);
    }

    @Override
    public I2cStatus read(Bme280Driver d, int ch, Diagnostics diag) {
        I2cStatus s = d.read();
        if (s == I2cStatus.NACK_ADDRESS || s == I2cStatus.NACK_DATA) {
            diag.report(Dtc.I2C_NACK, ch);
        }
        return s;
    }
}
