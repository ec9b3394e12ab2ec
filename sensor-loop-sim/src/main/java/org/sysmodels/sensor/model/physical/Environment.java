package org.sysmodels.sensor.model.physical;

/** The physical conditions every sensor sees: temperature (°C), pressure (Pa) and relative humidity (%RH). */
public record Environment(Signal temperature, Signal pressure, Signal humidity) {

    /** 25 °C, 1013.25 hPa, 45 %RH. */
    public static Environment standard() {
        return new Environment(new Signal.Constant(25.0), new Signal.Constant(101_325.0), new Signal.Constant(45.0));
    }
}
