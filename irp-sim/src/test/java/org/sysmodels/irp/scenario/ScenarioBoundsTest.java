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
 * Scenario files that would make a run go on for ever (or for hours) without a word are refused with the field at
 * fault: a closed loop in which virtual time cannot pass, and open arrivals far beyond what a run may simulate.
 */
class ScenarioBoundsTest {

    private static final String ZERO_COSTS = "\"costs\": { \"dispatch\": \"0ns\", \"completion\": \"0ns\", "
            + "\"cancel\": \"0ns\", \"isr\": \"0ns\", \"dpc\": \"0ns\", \"workItem\": \"0ns\", \"apc\": \"0ns\", "
            + "\"service\": \"0ns\" }";

    @TempDir
    Path dir;

    private static String refused(String json) {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.read("s.json", json, IrpScenario.class));
        return e.getMessage();
    }

    @Test
    void aClosedLoopInWhichNoVirtualTimePassesIsRefusedNotRunForEver() {
        String m = refused("{\n  \"device\": { \"hardware\": false },\n  " + ZERO_COSTS + ",\n  \"workload\": "
                + "{ \"think\": { \"type\": \"fixed\", \"value\": \"0ns\" }, \"duration\": \"1ms\" }\n}\n");
        assertTrue(m.contains("s.json:4:") && m.contains("workload") && m.contains("virtual time"), m);
        String latency = refused("{ \"device\": { \"latency\": { \"type\": \"fixed\", \"value\": \"0ns\" } }, "
                + ZERO_COSTS + ", \"workload\": { \"think\": { \"type\": \"uniform\", \"min\": \"0ns\", \"max\": "
                + "\"0ns\" }, \"duration\": \"1ms\" } }");
        assertTrue(latency.contains("workload"), latency);
    }

    @Test
    void zeroCostsStayAllowedWhereTimeStillPassesOrTheRunIsCounted() {
        String think0 = "\"think\": { \"type\": \"fixed\", \"value\": \"0ns\" }";
        assertDoesNotThrow(() -> ScenarioLoader.read("s.json", "{ \"device\": { \"hardware\": false }, " + ZERO_COSTS
                + ", \"workload\": { " + think0 + ", \"requests\": 1000 } }", IrpScenario.class));
        assertDoesNotThrow(() -> ScenarioLoader.read("s.json", "{ \"device\": { \"hardware\": false }, " + ZERO_COSTS
                + ", \"workload\": { \"think\": { \"type\": \"fixed\", \"value\": \"1ns\" }, \"duration\": \"1ms\" } }",
                IrpScenario.class));
        assertDoesNotThrow(() -> ScenarioLoader.read("s.json", "{ " + ZERO_COSTS
                + ", \"workload\": { " + think0 + ", \"duration\": \"1ms\", \"mix\": [ { \"op\": \"read\" } ] } }",
                IrpScenario.class));
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
