package org.sysmodels.sensor.run;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.sensor.check.FaultClass;
import org.sysmodels.sensor.host.safety.Architecture;
import org.sysmodels.sensor.host.safety.SafetyParameters;
import org.sysmodels.sensor.model.McuConfig;
import org.sysmodels.sensor.model.bme280.Calibration;
import org.sysmodels.sensor.model.bme280.SensorSpec;
import org.sysmodels.sensor.model.core.Lsi;
import org.sysmodels.sensor.model.core.PowerProfile;
import org.sysmodels.sensor.model.i2c.I2cSpeed;
import org.sysmodels.sensor.model.physical.Environment;
import org.sysmodels.sensor.scenario.FaultModel;
import org.sysmodels.sensor.scenario.Hex;
import org.sysmodels.sensor.scenario.McuSpec;
import org.sysmodels.sensor.scenario.SafetySpec;
import org.sysmodels.sensor.scenario.Scenario;
import org.sysmodels.sensor.scenario.SensorSpecJson;
import org.sysmodels.sensor.scenario.Signals;

/**
 * A scenario resolved into what a run builds: the MCU's configuration, the environment, the sensors and their
 * placement, the parameters to program into flash, and the figures the checks judge by (FTTI, hazard threshold).
 */
public record RunSetup(Scenario scenario, McuConfig mcu, Environment environment, List<SensorPlacement> sensors,
                       SafetyParameters params, Architecture architecture, boolean rtic, long durationNs,
                       long fttiNs, double hazardError, double tripCelsius, FaultModel faultModel) {

    /** The directory of the scenario file {@code source}, or null when it names a packaged scenario. */
    static Path directoryOf(String source) {
        try {
            Path f = Path.of(source);
            return Files.isRegularFile(f) ? f.toAbsolutePath().getParent() : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * Resolves a scenario; {@code source} names it in messages, and when it is a scenario file's path, relative
     * recordings are looked for next to it.
     */
    /** SysTick's RVR is 24 bits: a period of at most 2^24 core cycles (ARMv7-M ARM B3.3). */
    static final long SYSTICK_MAX_CYCLES = 1L << 24;

    public static RunSetup of(Scenario s, String source, long seed) throws UserInputException {
        s.faultPlan().requireKnownKinds(FaultClass.kinds(), source);
        RandomStreams random = new RandomStreams(seed);
        Environment env;
        try {
            env = Signals.environment(s.environment(), random.stream("environment").nextLong(), directoryOf(source));
        } catch (UserInputException e) {
            throw new UserInputException(source + ": " + e.getMessage(), e);
        }
        McuSpec m = s.mcu();
        List<I2cSpeed> buses = new ArrayList<>();
        for (String b : m.i2c() == null ? List.of("fast", "fast") : m.i2c()) {
            buses.add(b.equals("standard") ? I2cSpeed.STANDARD : I2cSpeed.FAST);
        }
        PowerProfile d = PowerProfile.DEFAULT;
        PowerProfile power = new PowerProfile(or(m.runMilliAmps(), d.runMilliAmps()),
                or(m.sleepMilliAmps(), d.sleepMilliAmps()), or(m.stopMilliAmps(), d.stopMilliAmps()),
                or(m.volts(), d.volts()), d.stopWakeNs());
        double lsi = or(m.lsiHz(), Lsi.NOMINAL_HZ);
        McuConfig mcu = new McuConfig(m.coreHz() == null ? McuConfig.DEFAULT.coreHz() : m.coreHz(),
                m.priorityBits() == null ? 4 : m.priorityBits(), power, new Lsi(lsi, or(m.lsiActualHz(), lsi)),
                Boolean.TRUE.equals(m.hardwareWatchdog()), buses, McuConfig.DEFAULT.bootNs());
        List<SensorPlacement> placements = new ArrayList<>();
        List<int[]> wiring = new ArrayList<>();
        for (int i = 0; i < s.sensors().size(); i++) {
            SensorSpecJson j = s.sensors().get(i);
            if (j.bus() > buses.size()) {
                throw new UserInputException(source + ": sensors[" + i + "].bus: I2C" + j.bus() + " does not exist;"
                        + " the MCU has " + buses.size() + " bus" + (buses.size() == 1 ? "" : "es")
                        + " (mcu.i2c)");
            }
            Calibration cal = Calibration.TYPICAL;
            if (j.calibration() != null) {
                try {
                    byte[] b = Hex.parse(j.calibration());
                    cal = Bme280Decoder.calibration(b);
                } catch (IllegalArgumentException e) {
                    throw new UserInputException(source + ": sensors[" + i + "].calibration: " + e.getMessage());
                }
            }
            SensorSpec spec = SensorSpec.at(j.address()).withTemperatureOffset(or(j.offset(), 0.0));
            if (j.noise() != null) {
                spec = new SensorSpec(spec.address(), spec.temperatureOffset(), or(j.pressureOffset(), 0.0),
                        spec.humidityOffset(), j.noise(), spec.pressureNoise(), spec.humidityNoise());
            }
            placements.add(new SensorPlacement(j.bus(), spec, cal));
            wiring.add(new int[] {j.bus(), j.address()});
        }
        Architecture arch = Architecture.of(s.architecture());
        SafetySpec sp = s.safety();
        double trip = or(sp.trip(), 80.0);
        SafetyParameters p = SafetyParameters.defaults(arch, wiring)
                .withTrip((int) Math.round(trip * 100))
                .withCompensation("bosch-api".equals(sp.compensation()) ? 1 : 0);
        if (sp.period() != null) {
            p = p.withPeriod((int) (sp.period() / 1000));
        }
        long periodCycles = mcu.coreHz() * p.periodUs() / 1_000_000;
        if (periodCycles > SYSTICK_MAX_CYCLES) {
            throw new UserInputException(source + ": safety.period: " + SimTime.format(p.periodUs() * 1000L)
                    + " at a " + mcu.coreHz() / 1_000_000.0 + " MHz core clock (mcu.coreHz) is " + periodCycles
                    + " cycles, and SysTick's 24-bit reload counts at most " + SYSTICK_MAX_CYCLES + " (ARMv7-M ARM "
                    + "B3.3): at this clock the loop period is at most "
                    + SimTime.format(SYSTICK_MAX_CYCLES * 1_000_000_000L / mcu.coreHz()));
        }
        p = p.withLimits(sp.discrepancy() == null ? p.discrepancyCentiC() : (int) Math.round(sp.discrepancy() * 100),
                sp.stale() == null ? p.staleUs() : (int) (sp.stale() / 1000),
                sp.frozen() == null ? p.frozenUs() : (int) (sp.frozen() / 1000),
                sp.debounce() == null ? p.debounceUs() : (int) (sp.debounce() / 1000));
        long ftti = sp.ftti() == null ? 100_000_000L : sp.ftti();
        return new RunSetup(s, mcu, env, placements, p, arch, s.firmware().equals("rtic"), s.duration(), ftti,
                or(sp.hazardError(), 2.0), trip, s.faultModel());
    }

    private static double or(Double v, double fallback) {
        return v == null ? fallback : v;
    }

    /** The I2C bus of each channel. */
    public int[] busOfChannel() {
        int[] b = new int[sensors.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = sensors.get(i).bus();
        }
        return b;
    }

    public RunSetup withDuration(long ns) {
        return new RunSetup(scenario, mcu, environment, sensors, params, architecture, rtic, ns, fttiNs, hazardError,
                tripCelsius, faultModel);
    }

    public RunSetup withFaultModel(FaultModel f) {
        return new RunSetup(scenario, mcu, environment, sensors, params, architecture, rtic, durationNs, fttiNs,
                hazardError, tripCelsius, f);
    }

    public RunSetup withEnvironment(Environment e) {
        return new RunSetup(scenario, mcu, e, sensors, params, architecture, rtic, durationNs, fttiNs, hazardError,
                tripCelsius, faultModel);
    }

    public RunSetup withRtic(boolean on) {
        return new RunSetup(scenario, mcu, environment, sensors, params, architecture, on, durationNs, fttiNs,
                hazardError, tripCelsius, faultModel);
    }

    public RunSetup withParams(SafetyParameters p) {
        return new RunSetup(scenario, mcu, environment, sensors, p, architecture, rtic, durationNs, fttiNs,
                hazardError, tripCelsius, faultModel);
    }
}
