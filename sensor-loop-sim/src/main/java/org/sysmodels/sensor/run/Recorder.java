package org.sysmodels.sensor.run;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.Series;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.bme280.Bme280;
import org.sysmodels.sensor.model.bme280.Bme280Registers;
import org.sysmodels.sensor.model.bme280.Compensation;
import org.sysmodels.sensor.model.core.PowerState;
import org.sysmodels.sensor.model.io.Gpio;

/**
 * Samples the board for plots at a fixed interval of virtual time: the physical temperature, what each sensor's
 * registers say (compensated with the run's variant), the actuator and the fault lamp, and both watchdog counters.
 * It reads the hardware, not the firmware, so it works for any firmware.
 */
final class Recorder {

    private final Rig rig;
    private final java.util.function.Supplier<Object> firmware;
    private final Compensation compensation;
    private final long interval;
    private final List<double[]> rows = new ArrayList<>();
    private final byte[] data = new byte[Bme280Registers.DATA_LENGTH];

    /** @param firmware the firmware instance running now (a new one after each reset), for the reference's vote */
    Recorder(Rig rig, java.util.function.Supplier<Object> firmware, Compensation compensation, long intervalNs) {
        this.rig = rig;
        this.firmware = firmware;
        this.compensation = compensation;
        this.interval = intervalNs;
    }

    void start() {
        rig.scheduler().at(0, this::sample);
    }

    private void sample() {
        Mcu m = rig.mcu();
        long now = rig.scheduler().now();
        int n = rig.sensors();
        double[] row = new double[7 + n];
        row[0] = now / 1e6;
        row[1] = rig.environment().temperature().at(now);
        row[2] = m.gpio().get(Gpio.ACTUATOR) ? 1 : 0;
        row[3] = m.gpio().get(Gpio.FAULT_LAMP) ? 1 : 0;
        row[4] = m.iwdg().started() ? m.iwdg().counter() : Double.NaN;
        row[5] = m.wwdg().active() ? m.wwdg().counter() : Double.NaN;
        row[6 + n] = voted();
        for (int i = 0; i < n; i++) {
            Bme280 s = rig.sensor(i);
            for (int k = 0; k < data.length; k++) {
                data[k] = (byte) s.readRegister(Bme280Registers.DATA + k, now);
            }
            int adcT = Bme280Registers.adcT(data, 0);
            row[6 + i] = adcT == Bme280Registers.SKIPPED_20 ? Double.NaN
                    : compensation.temperature(compensation.tFine(s.calibration(), adcT)) / 100.0;
        }
        rows.add(row);
        rig.scheduler().after(interval, this::sample);
    }

    /** The reference firmware's voted value, NaN for other firmware or before its first vote. */
    private double voted() {
        Object f = firmware.get();
        org.sysmodels.sensor.host.reference.SafetyFunction fn = null;
        if (f instanceof org.sysmodels.sensor.host.reference.SafetyFirmware s) {
            fn = s.function();
        } else if (f instanceof org.sysmodels.sensor.host.reference.RticSafetyFirmware r) {
            fn = r.function();
        }
        return fn == null || fn.votedCentiC() == 0 ? Double.NaN : fn.votedCentiC() / 100.0;
    }

    private double[] column(int c) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out;
    }

    List<Plot> plots(double tripCelsius) {
        double[] t = column(0);
        List<Series> temps = new ArrayList<>();
        temps.add(new Series("physical temperature", t, column(1)));
        for (int i = 0; i < rig.sensors(); i++) {
            temps.add(new Series("sensor " + i + " (" + compensation.name() + ")", t, column(6 + i)));
        }
        temps.add(new Series("voted value (reference firmware)", t, column(6 + rig.sensors())));
        double[] trip = new double[t.length];
        java.util.Arrays.fill(trip, tripCelsius);
        temps.add(new Series("trip limit", t, trip));
        List<Plot> out = new ArrayList<>();
        out.add(new Plot("sensor-loop-temperature", "Temperature: physical and as each sensor reads it", "time (ms)",
                "°C", Plot.Kind.LINE, false, false, temps));
        out.add(new Plot("sensor-loop-outputs", "Actuator (1 = energised) and fault lamp", "time (ms)", "level",
                Plot.Kind.STEP, false, false, List.of(new Series("actuator", t, column(2)),
                new Series("fault lamp", t, column(3)))));
        out.add(new Plot("sensor-loop-watchdogs", "Watchdog counters (IWDG 12-bit, WWDG T[6:0])", "time (ms)",
                "counter", Plot.Kind.LINE, false, false, List.of(new Series("IWDG", t, column(4)),
                new Series("WWDG", t, column(5)))));
        return out;
    }

    /** Energy per power state as a bar plot (mJ). */
    static Plot energy(Mcu m, long now) {
        PowerState[] states = PowerState.values();
        double[] x = new double[states.length];
        double[] y = new double[states.length];
        for (int i = 0; i < states.length; i++) {
            x[i] = i;
            y[i] = m.core().energy().joules(states[i], now) * 1e3;
        }
        return new Plot("sensor-loop-energy", "Energy per power state (0 = run, 1 = sleep, 2 = stop)", "state",
                "mJ", Plot.Kind.BAR, false, false, List.of(new Series("energy", x, y)));
    }
}
