package org.sysmodels.sensor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The stop caught on the fault path: in the HardFault handler, and by a handler that then throws. Either way the stop
 * is raised again (the board resets regardless) and the student is told once, naming the handler and line.
 */
class CaughtStopInFaultTest {

    /**
     * main faults; the HardFault handler waits for the watchdog inside a catch of Throwable and returns when the
     * reset comes: the core raises the reset again (three resets in 2 s still), and one warning names the HardFault
     * handler's line, as it would for SysTick.
     */
    @Test
    void aResetCaughtInTheHardFaultHandlerIsNamed(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "FaultWaits", """
                    @Override
                    public void main(Mcu mcu) {
                        mcu.iwdg().writeKr(Iwdg.KEY_START);
                        throw new IllegalStateException("boom");
                    }

                    @Override
                    public void hardFault(Mcu mcu) {
                        try {
                            while (true) {
                                mcu.core().work(1000);
                            }
                        } catch (Throwable t) {
                            // wait for the watchdog, whatever happens
                        }
                    }
                """);
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("resets 3 ")), r.summary().toString());
        assertFalse(of(r, "no-hard-fault").isEmpty(), r.findings().toString());
        List<Finding> warnings = of(r, "student-code").stream()
                .filter(f -> f.severity() == Severity.WARNING).toList();
        assertEquals(1, warnings.size(), r.findings().toString());
        assertEquals("FaultWaits.java:16 (FaultWaits.hardFault)", warnings.get(0).where());
        assertTrue(warnings.get(0).message().startsWith("your code caught a reset (on the MCU no code runs after one)"
                + " in the HardFault handler at FaultWaits.java:16"), warnings.get(0).message());
    }

    /**
     * The SysTick handler catches the end of the run, then throws: on the board the run is over before that line.
     * The student is told the stop was swallowed and the handler then faulted, naming both lines; the HardFault the
     * simulator ran for the throw stays a no-hard-fault finding, since the Java code did throw.
     */
    @Test
    void aHandlerThatCatchesTheStopAndThenThrowsIsToldBoth(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "IsrThrowsAfter", """
                    @Override
                    public void main(Mcu mcu) {
                        mcu.sysTick().configure(80_000);
                        while (true) {
                            mcu.core().wfi();
                        }
                    }

                    @Override
                    public void sysTick(Mcu mcu) {
                        try {
                            mcu.core().work(200_000);
                        } catch (Throwable t) {
                            throw new IllegalStateException("cleanup failed");
                        }
                    }
                """);
        List<Finding> warnings = of(r, "student-code").stream()
                .filter(f -> f.severity() == Severity.WARNING).toList();
        assertEquals(1, warnings.size(), r.findings().toString());
        String m = warnings.get(0).message();
        assertEquals("IsrThrowsAfter.java:17 (IsrThrowsAfter.sysTick)", warnings.get(0).where());
        assertTrue(m.startsWith("your code caught the end of the run in the SysTick handler at "
                + "IsrThrowsAfter.java:17 (IsrThrowsAfter.sysTick), then threw IllegalStateException at "
                + "IsrThrowsAfter.java:19 (IsrThrowsAfter.sysTick)"), m);
        List<Finding> faults = of(r, "no-hard-fault");
        assertEquals(1, faults.size(), r.findings().toString());
        assertTrue(faults.get(0).where().startsWith("IsrThrowsAfter.java:19"), faults.get(0).toString());
    }

    /**
     * main catches the reset of the watchdog it never kicks, then throws: told once that the reset was swallowed
     * and main then faulted (the catch's line is not known in Thread mode, the throw's is); every reset still comes.
     */
    @Test
    void mainThatCatchesTheResetAndThenThrowsIsToldBoth(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "MainThrowsAfter", """
                    @Override
                    public void main(Mcu mcu) {
                        mcu.iwdg().writeKr(Iwdg.KEY_START);
                        try {
                            while (true) {
                                mcu.core().work(1000);
                            }
                        } catch (Throwable t) {
                            throw new IllegalStateException("shutting down");
                        }
                    }
                """);
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("resets 3 ")), r.summary().toString());
        List<Finding> warnings = of(r, "student-code").stream()
                .filter(f -> f.severity() == Severity.WARNING).toList();
        assertEquals(1, warnings.size(), r.findings().toString());
        assertEquals("MainThrowsAfter.java:14 (MainThrowsAfter.main)", warnings.get(0).where());
        assertTrue(warnings.get(0).message().startsWith("your code caught a reset (on the MCU no code runs after "
                + "one) in main, then threw IllegalStateException at MainThrowsAfter.java:14 (MainThrowsAfter.main): "
                + "on the board that throw never happens, as the reset comes first"), warnings.get(0).message());
    }
}
