package org.sysmodels.sensor.host.labs;

import org.sysmodels.sensor.host.reference.SafetyFirmware;
import org.sysmodels.sensor.host.safety.BusAccess;

/**
 * Bug lab: I2C transfers wait for the bus forever and nobody clears a hung bus. When a sensor holds SDA low, the loop
 * stalls inside the transfer; the window watchdog resets the MCU, but the sensor still holds SDA after the reset, so
 * the firmware stalls again at start-up: a reset loop, and no sensor data ever again.
 */
public final class NoBusRecovery extends SafetyFirmware {

    @Override
    protected BusAccess busAccess() {
        return new WaitForeverBus();
    }
}
