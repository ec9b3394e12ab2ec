package org.sysmodels.irp.scenario;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.scenario.ScenarioException;
import org.sysmodels.core.scenario.ScenarioLoader;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.irp.IrpSystem;

/**
 * Scenario files that would make a run go on for hours without a word are refused with the field at fault: open
 * arrivals far beyond what a run may simulate.
 */
class ScenarioBoundsTest {

    @TempDir
    Path dir;

    private static String refused(String json) {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.read("s.json", json, IrpScenario.class));
        return e.getMessage();
    }

    @Test
    void openArrivalsBeyondAHundredMillionAreRefusedWithTheRate() {
        String m = refused("{\n  \"workload\": { \"mode\": \"open\",\n    \"rate\": 1e9, \"duration\": \"60s\" }\n}\n");
        assertTrue(m.contains("s.json:3:") && m.contains("workload.rate") && m.contains("100,000,000"), m);
        assertDoesNotThrow(() -> ScenarioLoader.read("s.json", "{ \"workload\": { \"mode\": \"open\", \"rate\": 1e9, "
                + "\"duration\": \"10ms\" } }", IrpScenario.class));
    }

    @Test
    void aFlagThatTakesAnOpenScenarioPastTheBoundIsAUsageErrorNamingTheFlag() throws Exception {
        Path f = dir.resolve("fast.json");
        Files.writeString(f, "{ \"workload\": { \"mode\": \"open\", \"rate\": 1e8, \"duration\": \"10ms\" } }");
        UserInputException e = assertThrows(UserInputException.class, () -> new IrpSystem().run(RunRequest.ofSeed(1)
                .withScenario(f.toString()).withOptions(Options.none().with(requests(), 100L))));
        assertTrue(e.getMessage().startsWith("--requests") && e.getMessage().contains("rate"), e.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static org.sysmodels.core.option.OptionSpec<Long> requests() {
        return (org.sysmodels.core.option.OptionSpec<Long>) new IrpSystem().options().stream()
                .filter(o -> o.name().equals("--requests")).findFirst().orElseThrow();
    }
}
