package org.sysmodels.sensor.scenario;

import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;

/**
 * One sensor in a scenario: its bus and address, the part's offsets from the truth, its noise, and optionally its
 * calibration as the hex dump {@code sim sensor-loop bme280 --calib} takes (33 bytes: 0x88–0xA1 then 0xE1–0xE7).
 */
public record SensorSpecJson(@Range(min = 1, max = 4) Integer bus,
                             @Range(min = 0x76, max = 0x77) Integer address,
                             @Range(min = -20, max = 20) Double offset,
                             @Range(min = -10_000, max = 10_000) Double pressureOffset,
                             @Range(min = 0, max = 5) Double noise,
                             String calibration) {

    public SensorSpecJson {
        if (bus == null) {
            throw new InvalidFieldException("bus", "required: the I2C bus the sensor is on (1-based)");
        }
        if (address == null) {
            address = 0x76;
        }
    }
}
