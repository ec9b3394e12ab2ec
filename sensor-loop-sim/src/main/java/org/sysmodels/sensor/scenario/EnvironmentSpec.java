package org.sysmodels.sensor.scenario;

/** The physical inputs: temperature (°C), pressure (Pa), humidity (%RH). Defaults 25 °C, 101325 Pa, 45 %RH. */
public record EnvironmentSpec(SignalSpec temperature, SignalSpec pressure, SignalSpec humidity) {

    public EnvironmentSpec {
        temperature = temperature == null ? SignalSpec.of(25.0) : temperature;
        pressure = pressure == null ? SignalSpec.of(101_325.0) : pressure;
        humidity = humidity == null ? SignalSpec.of(45.0) : humidity;
    }

    public static EnvironmentSpec defaults() {
        return new EnvironmentSpec(null, null, null);
    }
}
