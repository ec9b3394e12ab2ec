package org.sysmodels.sensor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Severity;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.student.TimeLimit;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.sensor.SensorLoopSystem;

/**
 * Firmware that catches {@code Throwable} also catches the simulator's stops (reset, end of run, stalled loop); the
 * core raises them again at the next loop turn or call, so the run ends as the board's would, never hangs, and the
 * student is told where. The 60 s limit only turns a hang into a failure; nothing asserts how long a run takes.
 */
class CaughtStopTest {

    static final String HEADER = """
            import org.sysmodels.sensor.host.Firmware;
            import org.sysmodels.sensor.model.Mcu;
            import org.sysmodels.sensor.model.wdg.Iwdg;

            """;

    static RunResult run(Path dir, String name, String body) throws Exception {
        Path f = dir.resolve(name + ".java");
        Files.writeString(f, HEADER + "public class " + name + " implements Firmware {\n" + body + "}\n");
        return TimeLimit.run(Duration.ofSeconds(60), () -> new SensorLoopSystem().run(RunRequest.ofSeed(1)
                .withStudent(f)));
    }

    static List<Finding> of(RunResult r, String rule) {
        return r.findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    /**
     * Never kicks the watchdog it started, and swallows everything: the independent watchdog resets it every
     * 512 ms (the reset value's timeout at 32 kHz), as on the board: three resets in 2 s, not a stalled run at the
     * first.
     */
    @Test
    void aWatchdogResetCannotBeCaught(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "KeepsGoing", """
                    @Override
                    public void main(Mcu mcu) {
                        mcu.iwdg().writeKr(Iwdg.KEY_START);
                        while (true) {
                            try {
                                mcu.core().work(1000);
                            } catch (Throwable t) {
                                // whatever happens, keep going
                            }
                        }
                    }
                """);
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("resets 3 ")), r.summary().toString());
        assertEquals(3, of(r, "no-spurious-reset").size(), r.findings().toString());
        List<Finding> student = of(r, "student-code");
        assertEquals(1, student.size(), student.toString());
        assertEquals(Severity.WARNING, student.get(0).severity());
        assertEquals("KeepsGoing.java:9 (KeepsGoing.main)", student.get(0).where());
        assertTrue(student.get(0).message().startsWith("your code caught a reset"), student.get(0).message());
    }

    /**
     * A loop that never lets time pass is stopped at its budget; the catch around it takes that stop too, and the
     * next call raises it again: the run ends there, naming the loop (it used to go on, spinning the budget away
     * at every step of simulated time: a hang).
     */
    @Test
    void aStalledLoopStaysStoppedWhenCaught(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "SpinsAndCatches", """
                    private volatile boolean tick;

                    @Override
                    public void main(Mcu mcu) {
                        while (true) {
                            try {
                                while (!tick) { }
                            } catch (Throwable t) {
                                // swallowed
                            }
                            mcu.core().work(10);
                        }
                    }
                """);
        List<Finding> student = of(r, "student-code");
        assertTrue(student.stream().anyMatch(f -> f.severity() == Severity.VIOLATION
                && f.message().startsWith("did not finish: SpinsAndCatches.java:12 ")), student.toString());
    }

    /**
     * The end of the run, caught around the whole loop: main returns because of the catch, not on its own, so that
     * is no main-never-returns violation; the firmware is otherwise clean.
     */
    @Test
    void theEndCaughtAroundTheLoopIsNotAReturnFromMain(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "CatchesTheEnd", """
                    private volatile boolean tick;

                    @Override
                    public void main(Mcu mcu) {
                        mcu.sysTick().configure(80_000);
                        try {
                            while (true) {
                                while (!tick) {
                                    mcu.core().wfi();
                                }
                                tick = false;
                            }
                        } catch (Throwable t) {
                            // swallowed
                        }
                    }

                    @Override
                    public void sysTick(Mcu mcu) {
                        tick = true;
                    }
                """);
        assertEquals(List.of(), of(r, "main-never-returns"));
        List<Finding> student = of(r, "student-code");
        assertEquals(1, student.size(), student.toString());
        assertTrue(student.get(0).message().startsWith("your code caught the end of the run and ran on to main, "
                + "which returned"), student.get(0).message());
    }
}
