package org.sysmodels.sensor.scenario;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.scenario.ScenarioException;
import org.sysmodels.core.scenario.ScenarioLoader;
import org.sysmodels.sensor.model.physical.Signal;
import org.sysmodels.sensor.run.RunSetup;

/** Scenario files: every packaged one loads; mistakes are reported with file, line, column and field. */
class ScenarioTest {

    static String error(String file) {
        Path p = Path.of("src/test/resources/scenarios", file);
        UserInputException e = assertThrows(UserInputException.class, () -> ScenarioLoader.load(p, Scenario.class));
        return e.getMessage();
    }

    @Test
    void packagedScenariosLoad() throws Exception {
        for (var entry : ScenarioCatalogs.catalog().entries()) {
            Scenario s = ScenarioCatalogs.catalog().resolve(entry.name());
            assertTrue(s.duration() > 0, entry.name());
        }
    }

    @Test
    void mistakesNameTheirPlace() {
        String arch = error("bad-architecture.json");
        assertTrue(arch.contains("bad-architecture.json:") && arch.contains("architecture") && arch.contains("1oo1"),
                arch);
        String sensors = error("too-few-sensors.json");
        assertTrue(sensors.contains("sensors") && sensors.contains("needs 3"), sensors);
        String duration = error("bad-duration.json");
        assertTrue(duration.contains("duration"), duration);
        String signals = error("two-signals.json");
        assertTrue(signals.contains("exactly one of constant, points or csv"), signals);
    }

    @Test
    void unknownFaultKindListsTheKinds() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("src/test/resources/scenarios/bad-fault-kind.json"), Scenario.class);
        UserInputException e = assertThrows(UserInputException.class, () -> org.sysmodels.sensor.run.RunSetup.of(s,
                "bad-fault-kind.json", 1));
        assertTrue(e.getMessage().contains("faults[0].kind") && e.getMessage().contains("sensor-stuck"),
                e.getMessage());
    }

    /**
     * 100 ms at 480 MHz is 48 M cycles: the firmware's SysTick could not count it, and the window watchdog's 63 steps
     * of 32768 cycles cannot time four such periods; refused at the field, with the periods that fit.
     */
    @Test
    void aLoopPeriodSysTickCannotCountIsRefused() {
        String e = error("systick-overflow.json");
        assertTrue(e.startsWith("src/test/resources/scenarios/systick-overflow.json:1:20: mcu.coreHz: 480 MHz cannot "
                + "run the reference loop with its 100.000 ms period (safety.period): allowed 1 MHz to 5.16096 MHz."), e);
        assertTrue(e.contains("SysTick counts at most 2^24 core cycles"), e);
    }

    /**
     * At 1 MHz the reference loop reset every 7.8 ms from boot on (its window watchdog steps every 4.096 ms, longer
     * than the 1 ms period, so every refresh came too early): refused at mcu.coreHz with the clocks that work.
     */
    @Test
    void aCoreClockTooSlowForTheReferenceLoopIsRefused() {
        String e = error("slow-core.json");
        assertTrue(e.startsWith("src/test/resources/scenarios/slow-core.json:3:21: mcu.coreHz: 1 MHz cannot run the "
                + "reference loop with its 1.000 ms period (safety.period): allowed 4.096 MHz to 480 MHz."), e);
        assertTrue(e.contains("needs 1902 core cycles") && e.contains("502.400 us on the I2C wire"), e);
    }

    /** 10 ms at 80 MHz: the window watchdog setup threw at boot (a HardFault, then an IWDG reset, again and again). */
    @Test
    void aPeriodTheWindowWatchdogCannotTimeIsRefused() {
        String e = error("long-period.json");
        assertTrue(e.startsWith("src/test/resources/scenarios/long-period.json:2:24: safety.period: 10.000 ms "
                + "(safety.period) at a core clock of 80 MHz (mcu.coreHz): at this clock the period must be "
                + "526.175 us to 6.451 ms."), e);
    }

    /** Two sensors at 100 kHz are 2 ms on the wire: a 1 ms loop missed every deadline and went safe at once. */
    @Test
    void busesTooSlowForThePeriodAreRefused() {
        String e = error("standard-buses.json");
        assertTrue(e.startsWith("src/test/resources/scenarios/standard-buses.json:2:18: mcu.i2c: the reference loop "
                + "reads 2 sensors every period, 2.023 ms on the I2C wire"), e);
        assertTrue(e.endsWith("use \"fast\" buses (mcu.i2c) or a period of at least 2.047 ms"), e);
    }

    /**
     * The RTIC reference's sample task reads both sensors within its analysed 1.3 ms: at 100 kHz (2 ms on the wire)
     * it broke its response-time bound and missed deadlines; refused at mcu.i2c.
     */
    @Test
    void theRticSampleTaskNeedsFastBuses() {
        String e = error("rtic-standard-buses.json");
        assertTrue(e.startsWith("src/test/resources/scenarios/rtic-standard-buses.json:1:37: mcu.i2c: standard-mode "
                + "(100 kHz) buses are too slow for the RTIC reference: use \"fast\"; the RTIC reference's sample "
                + "task must read and check its sensors within the 1.300 ms worst-case execution time"), e);
    }

    /** An LSI three times nominal cuts the 20 ms IWDG to 6.4 ms: a 5 ms loop was reset at boot, every time. */
    @Test
    void aPeriodTheIndependentWatchdogCannotCoverIsRefused() {
        String e = error("fast-lsi.json");
        assertTrue(e.startsWith("src/test/resources/scenarios/fast-lsi.json:3:24: safety.period: the independent "
                + "watchdog"), e);
        assertTrue(e.contains("times out after 6.400 ms") && e.endsWith("a period of at most 3.048 ms at this LSI"),
                e);
    }

    /** 150 %RH, −300 °C and 0 Pa were run as if they could exist; they are refused at their value. */
    @Test
    void unphysicalInputsAreRefusedAtTheirValue() {
        String humid = error("humid.json");
        assertTrue(humid.startsWith("src/test/resources/scenarios/humid.json:3:30: environment.humidity.constant: "
                + "150 %RH is not a physical humidity: allowed 0 to 100 %RH (100 % is saturation). The BME280 "
                + "operates at 0 to 100 %RH (BST-BME280-DS001 Table 1)"), humid);
        String cold = error("below-absolute-zero.json");
        assertTrue(cold.startsWith("src/test/resources/scenarios/below-absolute-zero.json:3:81: "
                + "environment.temperature.points[1].value: -300 °C is not a physical temperature: allowed above "
                + "absolute zero, -273.15 °C. The BME280 operates at -40 to 85 °C"), cold);
        String vacuum = error("no-pressure.json");
        assertTrue(vacuum.startsWith("src/test/resources/scenarios/no-pressure.json:1:43: "
                + "environment.pressure.constant: 0 Pa is not a physical pressure: allowed above 0 Pa. The BME280 "
                + "operates at 300 to 1100 hPa"), vacuum);
    }

    /** Physics, not the part's operating range, decides: a physical value outside Table 1's range is accepted. */
    @Test
    void physicsDecidesWhatAnInputMayBe() {
        org.sysmodels.core.testing.Props.property(1000).forAll(
                org.quicktheories.generators.SourceDSL.doubles().between(-1000, 1e6),
                org.quicktheories.generators.SourceDSL.integers().between(0, 2)).checkAssert((v, which) -> {
                    PhysicalQuantity q = PhysicalQuantity.values()[which];
                    SignalSpec s = SignalSpec.of(v);
                    boolean physical = switch (q) {
                        case TEMPERATURE -> v > -273.15;
                        case PRESSURE -> v > 0;
                        case HUMIDITY -> v >= 0 && v <= 100;
                    };
                    boolean accepted;
                    try {
                        new EnvironmentSpec(q == PhysicalQuantity.TEMPERATURE ? s : null,
                                q == PhysicalQuantity.PRESSURE ? s : null, q == PhysicalQuantity.HUMIDITY ? s : null);
                        accepted = true;
                    } catch (org.sysmodels.core.scenario.InvalidFieldException e) {
                        accepted = false;
                        assertEquals(q.name().toLowerCase(java.util.Locale.ROOT) + ".constant", e.field());
                    }
                    assertEquals(physical, accepted, q + " " + v);
                });
        new EnvironmentSpec(SignalSpec.of(120), SignalSpec.of(20_000), SignalSpec.of(100));   // outside Table 1
    }

    /** A recording's value outside physics is refused at its cell: file:line:column. */
    @Test
    void aRecordingOutsidePhysicsIsRefusedAtItsCell() {
        UserInputException e = assertThrows(UserInputException.class, () -> Signals.parseCsv(
                "time,temperature,humidity\n0,25,40\n0.1, 26, 150\n", "wet.csv", "humidity",
                PhysicalQuantity.HUMIDITY));
        assertTrue(e.getMessage().startsWith("wet.csv:3:10: column humidity: 150 %RH is not a physical humidity"),
                e.getMessage());
        assertEquals(26.0, assertDoesNotThrow(() -> Signals.parseCsv("time,temperature\n0,26\n", "ok.csv",
                "temperature", PhysicalQuantity.TEMPERATURE)).at(0), 1e-9);
    }

    @Test
    void csvRecordingsAreInterpolatedAndErrorsNameTheLine() throws Exception {
        Signal.Piecewise s = Signals.parseCsv("# comment\ntime,temperature\n0,20\n1,30\n", "r.csv", "temperature");
        assertEquals(25.0, s.at(500_000_000), 1e-9);
        assertEquals(30.0, s.at(5_000_000_000L), 1e-9, "held after the last sample");
        UserInputException bad = assertThrows(UserInputException.class,
                () -> Signals.parseCsv("time,temperature\n0,20\n1,x\n", "r.csv", "temperature"));
        assertEquals("r.csv:3: not a number: 1,x", bad.getMessage());
        UserInputException col = assertThrows(UserInputException.class,
                () -> Signals.parseCsv("time,t\n0,20\n", "r.csv", "temperature"));
        assertTrue(col.getMessage().contains("no column \"temperature\""), col.getMessage());
    }

    @Test
    void aRecordingIsFoundNextToItsScenarioFile(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("lab"));
        Files.writeString(sub.resolve("run.csv"), "time,temperature\n0,20\n1,30\n");
        Path file = sub.resolve("rec.json");
        Files.writeString(file, "{\"environment\": {\"temperature\": {\"csv\": \"run.csv\", \"column\": "
                + "\"temperature\"}}}");
        Scenario s = ScenarioCatalogs.catalog().resolve(file.toString());
        RunSetup setup = RunSetup.of(s, file.toString(), 1);
        assertEquals(25.0, setup.environment().temperature().at(500_000_000), 1e-9,
                "run.csv beside rec.json, whatever the working directory");

        Files.writeString(file, "{\"environment\": {\"temperature\": {\"csv\": \"gone.csv\", \"column\": "
                + "\"temperature\"}}}");
        UserInputException missing = assertThrows(UserInputException.class,
                () -> RunSetup.of(ScenarioCatalogs.catalog().resolve(file.toString()), file.toString(), 1));
        assertEquals(file + ": environment.temperature.csv: gone.csv: no such file (looked next to the scenario, in "
                + sub.toAbsolutePath() + ", and in the working directory)", missing.getMessage());
    }

    @Test
    void hexDumpsAreForgiving() {
        assertEquals(3, Hex.parse("0x88, 6b:3A").length);
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () -> Hex.parse("abc"));
        assertTrue(odd.getMessage().contains("odd"));
    }

    @Test
    void scenarioExceptionIsAUserError() {
        assertTrue(UserInputException.class.isAssignableFrom(ScenarioException.class));
    }
}
