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

    /**
     * A handler that catches the stop inside a loop of its own never returns: the loop's next turn raises it again
     * (as in main), so the run still ends, and the one warning names the handler's loop.
     */
    @Test
    void aHandlerLoopThatCatchesTheEndStillEnds(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "IsrSpins", """
                    @Override
                    public void main(Mcu mcu) {
                        mcu.sysTick().configure(80_000);
                        while (true) {
                            mcu.core().wfi();
                        }
                    }

                    @Override
                    public void sysTick(Mcu mcu) {
                        while (true) {
                            try {
                                mcu.core().work(1000);
                            } catch (Throwable t) {
                                // swallowed
                            }
                        }
                    }
                """);
        List<Finding> student = of(r, "student-code");
        List<Finding> warnings = student.stream().filter(f -> f.severity() == Severity.WARNING).toList();
        assertEquals(1, warnings.size(), student.toString());
        assertEquals("IsrSpins.java:16 (IsrSpins.sysTick)", warnings.get(0).where());
        assertTrue(warnings.get(0).message().startsWith("your code caught the end of the run"),
                warnings.get(0).message());
    }

    /**
     * The end of the run, caught in a handler that then returns (it runs longer than its period, so the end comes
     * while it works): raised again at its return, so main is never resumed and no return from main is reported.
     */
    @Test
    void theEndCaughtInAHandlerIsNamed(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "IsrCatchesTheEnd", """
                    @Override
                    public void main(Mcu mcu) {
                        mcu.sysTick().configure(80_000);
                        while (true) {
                            mcu.core().wfi();
                        }
                    }

                    @Override
                    public void interrupt(Mcu mcu, int irq) {
                    }

                    @Override
                    public void sysTick(Mcu mcu) {
                        try {
                            mcu.core().work(200_000);
                        } catch (Error e) {
                            return;
                        }
                    }
                """);
        assertEquals(List.of(), of(r, "main-never-returns"));
        List<Finding> student = of(r, "student-code");
        assertEquals(1, student.size(), student.toString());
        assertEquals("IsrCatchesTheEnd.java:21 (IsrCatchesTheEnd.sysTick)", student.get(0).where());
        assertTrue(student.get(0).message().startsWith("your code caught the end of the run in the SysTick handler"),
                student.get(0).message());
    }
}
