package org.sysmodels.sensor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sysmodels.sensor.run.CaughtStopTest.of;
import static org.sysmodels.sensor.run.CaughtStopTest.run;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Severity;
import org.sysmodels.core.run.RunResult;

/**
 * An interrupt handler that catches {@code Throwable} takes the simulator's stop as main's catch does: the core
 * raises it again when the handler returns (the exception return), so the stop is never swallowed, and the student
 * is told once, naming the handler's line.
 */
class CaughtStopInHandlerTest {

    /**
     * The SysTick handler swallows everything around its work while the watchdog it started is never kicked: every
     * reset still happens (three in 2 s, as in the main-loop case), and one warning names the handler.
     */
    @Test
    void aResetCaughtInAHandlerIsRaisedAgainAndNamed(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "IsrKeepsGoing", """
                    @Override
                    public void main(Mcu mcu) {
                        mcu.iwdg().writeKr(Iwdg.KEY_START);
                        mcu.sysTick().configure(80_000);
                        while (true) {
                            mcu.core().wfi();
                        }
                    }

                    @Override
                    public void sysTick(Mcu mcu) {
                        try {
                            mcu.core().work(100_000);
                        } catch (Throwable t) {
                            // whatever happens, keep going
                        }
                    }
                """);
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("resets 3 ")), r.summary().toString());
        List<Finding> student = of(r, "student-code");
        assertEquals(1, student.size(), student.toString());
        assertEquals(Severity.WARNING, student.get(0).severity());
        assertEquals("IsrKeepsGoing.java:18 (IsrKeepsGoing.sysTick)", student.get(0).where());
        assertTrue(student.get(0).message().startsWith("your code caught a reset"), student.get(0).message());
        assertTrue(student.get(0).message().contains("in the SysTick handler at IsrKeepsGoing.java:18"), student.get(0).message());
    }
}
