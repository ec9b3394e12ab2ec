package org.sysmodels.sensor.scenario;

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

    /** 100 ms at 480 MHz is 48 M cycles: the firmware's SysTick could not count it, and would HardFault at boot. */
    @Test
    void aLoopPeriodSysTickCannotCountIsRefused() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("src/test/resources/scenarios/systick-overflow.json"),
                Scenario.class);
        UserInputException e = assertThrows(UserInputException.class, () -> org.sysmodels.sensor.run.RunSetup.of(s,
                "systick-overflow.json", 1));
        assertTrue(e.getMessage().startsWith("systick-overflow.json: safety.period: 100.000 ms at a 480.0 MHz core "
                + "clock (mcu.coreHz) is 48000000 cycles"), e.getMessage());
        assertTrue(e.getMessage().endsWith("the loop period is at most 34.953 ms"), e.getMessage());
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
