package org.sysmodels.sensor.scenario;

import org.sysmodels.core.scenario.InvalidFieldException;

/**
 * The physical inputs: temperature (°C), pressure (Pa), humidity (%RH). Defaults 25 °C, 101325 Pa, 45 %RH. A constant
 * or a point outside physics ({@link PhysicalQuantity}) is refused at its value; a recording's values are checked
 * when it is read ({@link Signals}).
 */
public record EnvironmentSpec(SignalSpec temperature, SignalSpec pressure, SignalSpec humidity) {

    public EnvironmentSpec {
        temperature = temperature == null ? SignalSpec.of(25.0) : temperature;
        pressure = pressure == null ? SignalSpec.of(101_325.0) : pressure;
        humidity = humidity == null ? SignalSpec.of(45.0) : humidity;
        requirePhysical(temperature, "temperature", PhysicalQuantity.TEMPERATURE);
        requirePhysical(pressure, "pressure", PhysicalQuantity.PRESSURE);
        requirePhysical(humidity, "humidity", PhysicalQuantity.HUMIDITY);
    }

    private static void requirePhysical(SignalSpec s, String field, PhysicalQuantity q) {
        if (s.constant() != null && !q.physical(s.constant())) {
            throw new InvalidFieldException(field + ".constant", q.problem(s.constant()));
        }
        if (s.points() != null) {
            for (int i = 0; i < s.points().size(); i++) {
                double v = s.points().get(i).value();
                if (!q.physical(v)) {
                    throw new InvalidFieldException(field + ".points[" + i + "].value", q.problem(v));
                }
            }
        }
    }

    public static EnvironmentSpec defaults() {
        return new EnvironmentSpec(null, null, null);
    }
}
