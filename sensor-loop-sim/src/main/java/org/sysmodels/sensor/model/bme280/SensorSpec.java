package org.sysmodels.sensor.model.bme280;

/**
 * One sensor part's deviations from the physical truth: a fixed offset per quantity (within the data sheet's
 * absolute accuracy, e.g. ±1 °C, ±1 hPa, ±3 %RH, BST-BME280-DS001 Tables 1–3) and the RMS noise of a single
 * measurement at oversampling ×1, which the part's oversampling divides by √osrs. The default noise figures are of
 * the data sheet's order (pressure RMS noise 1.3 Pa at the lowest oversampling; humidity 0.02 %RH); the temperature
 * figure is an assumption, as the data sheet does not give one.
 *
 * @param address I2C address (0x76 or 0x77)
 */
public record SensorSpec(int address, double temperatureOffset, double pressureOffset, double humidityOffset,
                         double temperatureNoise, double pressureNoise, double humidityNoise) {

    public static SensorSpec at(int address) {
        return new SensorSpec(address, 0, 0, 0, 0.005, 1.3, 0.02);
    }

    public SensorSpec withTemperatureOffset(double celsius) {
        return new SensorSpec(address, celsius, pressureOffset, humidityOffset, temperatureNoise, pressureNoise,
                humidityNoise);
    }
}
