package org.sysmodels.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.testing.TestFlags;
import org.sysmodels.presence.gateway.LoadCommand;

/**
 * Heavy runs, opt-in: {@code ./mvnw -pl presence -am verify -Ppresence-heavy}. Thousands of real sockets, a million
 * simulated users. Their speed is measured by bench/run; here they must simply hold every rule and lose no session.
 */
@EnabledIfSystemProperty(named = "presence.heavy", matches = "true")
class HeavyRunsTest {

    @Test
    void fiveThousandSessionsOverRealSocketsLoseNothing() throws Exception {
        LoadCommand load = new LoadCommand();
        StringWriter text = new StringWriter();
        int rc = load.run(TestFlags.parse(load.options(), "--connections", "5000", "--watchers", "100",
                "--updates-per-second", "500", "--duration", "30s"), new PrintWriter(text, true),
                new PrintWriter(text, true));
        assertEquals(0, rc, text.toString());
    }

    @Test
    void aMillionUsersHoldEveryRule() throws Exception {
        PresenceSystem system = new PresenceSystem();
        RunResult r = system.run(RunRequest.ofSeed(1).withOptions(TestFlags.parse(system.options(), "--users",
                "1000000", "--duration", "60s", "--nodes", "16")));
        assertTrue(r.passed(), r.findings().toString());
    }
}
