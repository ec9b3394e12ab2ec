package org.sysmodels.nvme.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Severity;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.NvmeSystem;
import org.sysmodels.nvme.check.DoubleCompletion;
import org.sysmodels.nvme.check.NoTimeout;
import org.sysmodels.nvme.run.NvmeLabs;
import org.sysmodels.nvme.run.Outcome;
import org.sysmodels.nvme.run.Simulation;

/**
 * Bug lab {@code abort-completes-request}: a timeout handler that ends the request it just aborted is caught by the
 * {@code double-completion} rule when the aborted command's CQE arrives; the reference driver, given the same stuck
 * command, aborts it, lets that CQE end it (and retries it), and holds every rule.
 */
class AbortCompletesRequestLabTest {

    private static final String NAME = "abort-completes-request";
    private final NvmeSystem nvme = new NvmeSystem();

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void theLabIsCaughtAsADoubleCompletionNamingTheRequestTagAndHctx(long seed) throws Exception {
        RunResult r = nvme.run(RunRequest.ofSeed(seed).withBug(NAME));
        assertTrue(r.lab().orElseThrow().caught(), r.findings().toString());
        assertFalse(r.passed(), "a caught lab exits with status 1");
        List<Finding> twice = r.findings().stream()
                .filter(f -> f.rule().equals(DoubleCompletion.RULE.name()) && f.severity() == Severity.VIOLATION)
                .toList();
        assertEquals(1, twice.size(), "one stuck command, so one request ended twice: " + r.findings());
        String m = twice.get(0).message();
        assertTrue(m.matches("AbortEndsRequest completed request \\d+ \\(tag \\d+ on hctx 0\\) again after "
                + "blk-mq had ended it .*"), m);
        assertTrue(m.contains("genctr mismatch"), m);
        assertTrue(r.findings().stream().anyMatch(f -> f.rule().equals(NoTimeout.RULE.name())
                && f.message().endsWith(": aborted")), "the Abort reported the command aborted: " + r.findings());
    }

    @Test
    void theReferenceDriverAbortsTheSameStuckCommandAndCompletesItOnce() {
        NvmeLabs.Lab lab = NvmeLabs.byName(NAME).orElseThrow();
        Outcome o = new Simulation(lab.setup().apply(NvmeScenario.DEFAULT), 1, Tracer.off()).run();
        assertTrue(o.passed(), o.findings().list().toString());
        assertEquals(0, o.findings().count(DoubleCompletion.RULE));
        assertEquals(1, ((org.sysmodels.nvme.host.driver.LinuxDriver) o.sim().driver).aborts(), "the stuck command timed out and was aborted");
        assertEquals(1_000, o.sim().workload.completed());
        assertEquals(0, o.sim().workload.errors(), "the aborted command is retried, not failed");
    }
}
