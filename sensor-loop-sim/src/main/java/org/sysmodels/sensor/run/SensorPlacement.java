package org.sysmodels.sensor.run;

import org.sysmodels.sensor.model.bme280.Calibration;
import org.sysmodels.sensor.model.bme280.SensorSpec;

/** One BME280 on the board: which I2C bus (1-based), the part's deviations, its calibration. */
public record SensorPlacement(int bus, SensorSpec spec, Calibration calibration) {
}
