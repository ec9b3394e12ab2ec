package org.sysmodels.sensor.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Findings;
import org.sysmodels.sensor.model.core.ResetCause;

class DeadlineMetTest {

    /**
     * A task a watchdog reset abandoned past its deadline is reported by the reset, not as waiting until the run's
     * end; one the reset cut short before its deadline is no deadline miss.
     */
    @Test
    void anInstanceAResetAbandonedIsMissedAtTheReset() {
        Findings findings = new Findings();
        DeadlineMet check = new DeadlineMet(findings);
        check.taskReleased("decide", 16_705_000L, 10_000_000L);
        check.taskReleased("log", 28_000_000L, 20_000_000L);
        check.reset(ResetCause.INDEPENDENT_WATCHDOG, 30_688_000L);
        check.taskReleased("decide", 40_000_000L, 10_000_000L);
        check.taskCompleted("decide", 40_000_000L, 41_000_000L, 2_000_000L, 10_000_000L);
        check.finish(2_000_000_000L, findings);
        List<Finding> all = findings.list();
        assertEquals(1, all.size(), all.toString());
        assertEquals(26_705_000L, all.get(0).at());
        assertEquals("task decide released at 16.705 ms never finished: it was 3.983 ms past its deadline when the "
                + "independent watchdog reset at 30.688 ms abandoned it", all.get(0).message());
        assertTrue(!all.get(0).message().contains("when the run ended"));
    }
}
