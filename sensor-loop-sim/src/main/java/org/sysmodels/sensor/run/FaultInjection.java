package org.sysmodels.sensor.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.fault.Fault;
import org.sysmodels.core.fault.FaultInjector;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.sensor.check.CheckHub;
import org.sysmodels.sensor.check.FaultClass;
import org.sysmodels.sensor.check.FaultRecord;
import org.sysmodels.sensor.host.safety.SafetyParameters;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.bme280.Bme280;
import org.sysmodels.sensor.model.bme280.Bme280Registers;
import org.sysmodels.sensor.model.bme280.FloatCompensation;
import org.sysmodels.sensor.model.i2c.BusFaults;
import org.sysmodels.sensor.model.i2c.I2cBus;

/**
 * Reads the scenario's fault plan the way sim-core's {@link FaultInjector} answers it, and applies each fault to the
 * board: lasting faults (a stuck sensor, a hung bus, a clock fault, ...) are asked for once at their {@code from}
 * time; NACKs and corrupted bytes are asked for on every transfer (they are this run's {@link BusFaults}). Each
 * fault that fires becomes a {@link FaultRecord} with the time it starts to matter, handed to the checks.
 *
 * <p>Targets: {@code sensorN} (or {@code *} = sensor 0) for sensor faults; {@code i2cN} or a sensor for bus faults;
 * {@code mcu} (or {@code *}, the main loop) or an RTIC task's IRQ ({@code irq28}) for core faults.
 */
public final class FaultInjection implements BusFaults {

    /** Resolves a fault's target against the board; {@code exc} is the exception number of a core fault's context. */
    record Target(int sensor, int bus, int exc) {
    }

    private final Rig rig;
    private final RunSetup setup;
    private final FaultInjector injector;
    private final CheckHub hub;
    private final RandomStream random;
    private final List<Fault> faults;
    private final List<Target> targets = new ArrayList<>();
    private final List<FaultRecord> injected = new ArrayList<>();
    private final boolean anyNack;
    private final boolean anyCorrupt;
    private final long[] nackUntil;
    private final long[] nackFrom;
    private final double[] nackProbability;
    private final boolean[] nackRecorded;

    public FaultInjection(Rig rig, RunSetup setup, FaultPlan plan, RandomStreams streams, CheckHub hub, String source)
            throws UserInputException {
        this.rig = rig;
        this.setup = setup;
        this.injector = plan.injector(streams);
        this.hub = hub;
        this.random = streams.stream("fault-sizes");
        this.faults = plan.faults();
        for (int i = 0; i < faults.size(); i++) {
            targets.add(resolve(faults.get(i), i, source));
        }
        this.anyNack = injector.planned(FaultClass.I2C_NACK.kind());
        this.anyCorrupt = injector.planned(FaultClass.I2C_CORRUPT.kind());
        int n = rig.sensors();
        nackUntil = new long[n];
        nackFrom = new long[n];
        nackProbability = new double[n];
        nackRecorded = new boolean[n];
        java.util.Arrays.fill(nackUntil, -1);
    }

    private Target resolve(Fault f, int i, String source) throws UserInputException {
        FaultClass c = FaultClass.ofKind(f.kind());
        String t = f.target();
        String where = source + ": faults[" + i + "].target";
        switch (c.target()) {
            case SENSOR -> {
                int s = t.equals("*") ? 0 : index(t, "sensor", 0, rig.sensors() - 1, where);
                return new Target(s, rig.busOf(s), -1);
            }
            case BUS -> {
                if (t.startsWith("sensor")) {
                    int s = index(t, "sensor", 0, rig.sensors() - 1, where);
                    return new Target(s, rig.busOf(s), -1);
                }
                int b = t.equals("*") ? rig.busOf(0) : index(t, "i2c", 1, rig.mcu().i2cCount(), where);
                int holder = -1;
                for (int s = 0; s < rig.sensors(); s++) {
                    if (rig.busOf(s) == b && holder < 0) {
                        holder = s;
                    }
                }
                if (holder < 0) {
                    java.util.Set<String> used = new java.util.TreeSet<>();
                    for (int s = 0; s < rig.sensors(); s++) {
                        used.add("i2c" + rig.busOf(s));
                    }
                    throw new UserInputException(where + ": no sensor is on I2C" + b + " in this setup, so a fault "
                            + "there could not reach the safety function; use " + String.join(", ", used) + ", a "
                            + "sensorN or *");
                }
                return new Target(holder, b, -1);
            }
            default -> {
                if (t.equals("*") || t.equals("mcu")) {
                    return new Target(-1, -1, 0);
                }
                if (t.startsWith("irq")) {
                    return new Target(-1, -1, 16 + index(t, "irq", 0, 31, where));
                }
                throw new UserInputException(where + ": \"" + t + "\" is not a target for " + f.kind()
                        + "; use mcu (the main loop) or irqN (an interrupt handler, e.g. irq28 for TIM2's task)");
            }
        }
    }

    /** The N of "prefixN" for N in first..last, or a usage error naming the targets there are. */
    private static int index(String t, String prefix, int first, int last, String where) throws UserInputException {
        if (t.startsWith(prefix)) {
            try {
                int n = Integer.parseInt(t.substring(prefix.length()));
                if (n >= first && n <= last) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the message
            }
        }
        throw new UserInputException(where + ": \"" + t + "\" is not a target here; use " + prefix + first
                + (last > first ? ".." + prefix + last : "") + " or *" + (prefix.equals("i2c") ? " (I2C buses are "
                + "numbered from 1)" : ""));
    }

    /** Schedules the lasting faults at their times. */
    public void arm() {
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            FaultClass c = FaultClass.ofKind(f.kind());
            if (c == FaultClass.I2C_CORRUPT) {
                continue;
            }
            Target t = targets.get(i);
            if (f.from() < setup.durationNs()) {
                rig.scheduler().at(f.from(), () -> {
                    if (injector.fires(f.kind(), f.target(), rig.scheduler().now())) {
                        apply(c, f, t);
                    }
                });
            }
        }
    }

    /** Every fault injected so far. */
    public List<FaultRecord> injected() {
        return List.copyOf(injected);
    }

    private void apply(FaultClass c, Fault f, Target t) {
        long now = rig.scheduler().now();
        Mcu mcu = rig.mcu();
        var fm = setup.faultModel();
        long effective = now;
        String detail = "";
        switch (c) {
            case SENSOR_STUCK -> rig.sensor(t.sensor).stick();
            case SENSOR_DRIFT -> {
                double rate = fm.driftOr();
                rig.sensor(t.sensor).drift(rate, now);
                effective = rate == 0 ? FaultRecord.NEVER : now + (long) (setup.hazardError() / Math.abs(rate) * 1e9);
                detail = String.format(Locale.ROOT, "%+.2f °C/s", rate);
            }
            case SENSOR_NOISE -> {
                double sigma = fm.noiseOr();
                rig.sensor(t.sensor).addNoise(sigma);
                effective = 2 * sigma >= setup.hazardError() ? now : FaultRecord.NEVER;
                detail = String.format(Locale.ROOT, "σ %.2f °C", sigma);
            }
            case SENSOR_SPIKE -> {
                double amp = fm.spikeOr();
                rig.sensor(t.sensor).spike(amp);
                effective = Math.abs(amp) > setup.hazardError() ? now : FaultRecord.NEVER;
                detail = String.format(Locale.ROOT, "%+.1f °C", amp);
            }
            case SENSOR_SILENT -> rig.sensor(t.sensor).silence(true);
            case I2C_BUS_HANG -> {
                int clocks = fm.hangClocksOr() > 0 ? fm.hangClocksOr() : 1 + random.nextInt(9);
                mcu.bus(t.bus).holdSda(t.sensor >= 0 ? rig.sensor(t.sensor) : null, clocks, now);
                detail = clocks + " clock" + (clocks == 1 ? "" : "s") + " to release";
            }
            case I2C_SDA_SHORT -> mcu.bus(t.bus).holdSda(null, I2cBus.SHORTED, now);
            case I2C_NACK -> {
                nackFrom[t.sensor] = now;
                nackUntil[t.sensor] = f.until() == Long.MAX_VALUE ? now + fm.nackWindowOr() : f.until();
                nackProbability[t.sensor] = f.probability();
                nackRecorded[t.sensor] = true;
                detail = "for " + org.sysmodels.core.time.SimTime.format(nackUntil[t.sensor] - now);
            }
            case TASK_OVERRUN -> {
                long ns = fm.overrunOr();
                mcu.core().overrun(mcu.core().clock().cycles(ns), t.exc);
                // The main loop misses its next tick past half a period; an RTIC task matters once it misses its
                // deadline, which the checks see (FaultReactionWithinFtti marks the record then).
                effective = t.exc == 0 && ns > setup.params().periodUs() * 500L ? now : FaultRecord.NEVER;
                detail = org.sysmodels.core.time.SimTime.format(ns);
            }
            case PARAM_CORRUPT -> {
                int offset = random.nextInt(SafetyParameters.SIZE);
                int bit = random.nextInt(8);
                mcu.flash().corrupt(offset, 1 << bit);
                detail = "byte " + offset + " bit " + bit;
            }
            case CLOCK_FAULT, CLOCK_DRIFT -> {
                double factor = c == FaultClass.CLOCK_DRIFT ? fm.clockDriftFactorOr() : fm.clockFactorOr();
                mcu.core().clock().setFactor(factor, now);
                effective = Math.abs(factor - 1) > 0.05 ? now : FaultRecord.NEVER;
                detail = String.format(Locale.ROOT, "×%.2f", factor);
            }
            case MAIN_LOOP_HANG -> {
                mcu.core().hang(t.exc);
                // the main loop runs on at once; a handler matters only once it runs (FaultReactionWithinFtti.hung)
                effective = t.exc == 0 ? now : FaultRecord.NEVER;
            }
            default -> throw new IllegalStateException(c.kind());
        }
        record(new FaultRecord(c, c.target() == FaultClass.Target.SENSOR ? t.sensor : -1,
                c.target() == FaultClass.Target.BUS ? t.bus : -1, now, effective, detail));
    }

    private void record(FaultRecord r) {
        injected.add(r);
        hub.faultInjected(r);
    }

    private int sensorAt(int bus, int address) {
        for (int s = 0; s < rig.sensors(); s++) {
            if (rig.busOf(s) == bus && rig.sensor(s).address() == address) {
                return s;
            }
        }
        return -1;
    }

    @Override
    public boolean nack(int bus, int address, long now) {
        if (!anyNack) {
            return false;
        }
        int s = sensorAt(bus, address);
        if (s < 0 || now < nackFrom[s] || now > nackUntil[s]) {
            return false;
        }
        boolean fire = nackProbability[s] >= 1.0 || random.chance(nackProbability[s]);
        if (fire && nackRecorded[s]) {
            nackRecorded[s] = false;
            record(new FaultRecord(FaultClass.I2C_NACK, s, -1, now, now, "storm of "
                    + org.sysmodels.core.time.SimTime.format(nackUntil[s] - nackFrom[s])));
        }
        return fire;
    }

    @Override
    public int corrupt(int bus, int address, long now) {
        if (!anyCorrupt) {
            return 0;
        }
        int s = sensorAt(bus, address);
        if (s < 0 || !injector.fires(FaultClass.I2C_CORRUPT.kind(), "sensor" + s, now)
                && !injector.fires(FaultClass.I2C_CORRUPT.kind(), "*", now)) {
            return 0;
        }
        int index = random.nextInt(Bme280Registers.DATA_LENGTH);
        int bit = random.nextInt(8);
        Bme280 sensor = rig.sensor(s);
        byte[] data = new byte[Bme280Registers.DATA_LENGTH];
        for (int k = 0; k < data.length; k++) {
            data[k] = (byte) sensor.readRegister(Bme280Registers.DATA + k, now);
        }
        double before = FloatCompensation.temperature(FloatCompensation.tFine(sensor.calibration(),
                Bme280Registers.adcT(data, 0)));
        data[index] ^= (byte) (1 << bit);
        double after = FloatCompensation.temperature(FloatCompensation.tFine(sensor.calibration(),
                Bme280Registers.adcT(data, 0)));
        double error = Math.abs(after - before);
        long effective = error > setup.hazardError() ? now : FaultRecord.NEVER;
        record(new FaultRecord(FaultClass.I2C_CORRUPT, s, -1, now, effective, String.format(Locale.ROOT,
                "byte 0x%02X bit %d, temperature off by %.3f °C", Bme280Registers.DATA + index, bit, error)));
        return index << 8 | 1 << bit;
    }
}
