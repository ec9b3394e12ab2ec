package org.sysmodels.sensor.model.wdg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.testing.Props;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.McuConfig;
import org.sysmodels.sensor.model.core.CoreListener;
import org.sysmodels.sensor.model.core.Lsi;
import org.sysmodels.sensor.model.core.Program;
import org.sysmodels.sensor.model.core.ResetCause;

/** IWDG and WWDG as STM32 reference manuals specify them (RM0090 §21–22). */
class WatchdogTest {

    /** Boots {@code main} on a fresh MCU; records reset causes and times. */
    static final class Board {
        final Scheduler sched = new Scheduler();
        final Mcu mcu;
        final List<ResetCause> causes = new ArrayList<>();
        final List<Long> at = new ArrayList<>();
        int boots;

        Board(Lsi lsi, boolean hardware) {
            McuConfig c = McuConfig.DEFAULT.withLsi(lsi);
            mcu = new Mcu(new McuConfig(c.coreHz(), c.priorityBits(), c.power(), lsi, hardware, c.buses(), 0), sched);
            mcu.listen(new CoreListener() {
                @Override
                public void reset(ResetCause cause, long now) {
                    causes.add(cause);
                    at.add(now);
                }
            });
        }

        void run(Runnable main, long until) {
            mcu.run(() -> new Program() {
                @Override
                public void main() {
                    boots++;
                    main.run();
                    mcu.core().spinForever();
                }

                @Override
                public void handle(int exc) {
                }
            }, until);
        }
    }

    @Test
    void iwdgResetsAHungLoopAfterItsTimeout() {
        Props.property(60).forAll(integers().between(0, 6), integers().between(0, 0xFFF),
                integers().between(20_000, 50_000)).checkAssert((pr, rl, lsiHz) -> {
                    Board b = new Board(new Lsi(32_000, lsiHz), false);
                    long timeout = Iwdg.timeoutNs(pr, rl, lsiHz);
                    b.run(() -> {
                        if (b.boots == 1) {
                            b.mcu.iwdg().writeKr(Iwdg.KEY_UNLOCK);
                            b.mcu.iwdg().writePr(pr);
                            b.mcu.iwdg().writeRlr(rl);
                            b.mcu.iwdg().writeKr(Iwdg.KEY_START);
                        }
                    }, timeout * 2 + 1_000_000);
                    assertEquals(List.of(ResetCause.INDEPENDENT_WATCHDOG), b.causes);
                    long lsiTick = (long) Math.ceil(1e9 / lsiHz);
                    assertEquals(timeout, b.at.get(0), lsiTick + 1, "4·2^PR·(RL+1)/f_LSI at the part's real LSI");
                });
    }

    @Test
    void iwdgCannotBeStoppedAndIgnoresLockedWrites() {
        Board b = new Board(Lsi.nominal(), false);
        b.run(() -> {
            if (b.boots == 1) {
                b.mcu.iwdg().writeKr(Iwdg.KEY_START);       // reset value RL 0xFFF, /4: 512 ms at 32 kHz
                b.mcu.iwdg().writePr(6);                    // locked: ignored
                b.mcu.iwdg().writeKr(0x1234);               // not a key: does not stop it
            }
        }, 2_000_000_000L);
        assertEquals(ResetCause.INDEPENDENT_WATCHDOG, b.causes.get(0));
        assertEquals(512_000_000, b.at.get(0), 40_000);
        assertEquals(1, b.causes.size(), "after a reset a software-started IWDG is off");
    }

    @Test
    void hardwareWatchdogRunsFromEveryReset() {
        Board b = new Board(Lsi.nominal(), true);
        b.run(() -> { }, 1_100_000_000L);
        assertEquals(2, b.causes.size(), "512 ms each, from reset, without software starting it");
    }

    @Test
    void wwdgResetsWhenNotRefreshedAndWhenRefreshedTooEarly() {
        Board late = new Board(Lsi.nominal(), false);
        late.run(() -> {
            if (late.boots == 1) {
                late.mcu.wwdg().writeCfr(0x50, 2, false);
                late.mcu.wwdg().writeCr(Wwdg.WDGA | 0x49);
            }
        }, 10_000_000);
        long tick = Math.round((4096 << 2) * 1e9 / 80_000_000);
        assertEquals(List.of(ResetCause.WINDOW_WATCHDOG), late.causes);
        assertEquals(tick * (0x49 - 0x3F), late.at.get(0), "t_PCLK·4096·2^WDGTB·(T[5:0]+1)");

        Board early = new Board(Lsi.nominal(), false);
        early.run(() -> {
            if (early.boots == 1) {
                early.mcu.wwdg().writeCfr(0x45, 2, false);
                early.mcu.wwdg().writeCr(Wwdg.WDGA | 0x49);
                early.mcu.core().busyWait(early.mcu.wwdg().tickNs());   // counter 0x48 > W = 0x45
                early.mcu.wwdg().writeCr(0x49);
            }
        }, 10_000_000);
        assertEquals(List.of(ResetCause.WINDOW_WATCHDOG), early.causes);
        assertTrue(early.at.get(0) < tick * 2, "refreshed above the window: reset at once");

        Board good = new Board(Lsi.nominal(), false);
        good.run(() -> {
            good.mcu.wwdg().writeCfr(0x45, 2, false);
            good.mcu.wwdg().writeCr(Wwdg.WDGA | 0x49);
            while (true) {
                good.mcu.core().busyWait(good.mcu.wwdg().tickNs() * 6);   // counter 0x43 ≤ W
                good.mcu.wwdg().writeCr(0x49);
            }
        }, 10_000_000);
        assertTrue(good.causes.isEmpty(), "refreshed inside the window: no reset");
    }

    /**
     * A refresh resets the MCU exactly when the counter is still above W at that moment (RM0090 §22.3: "refresh not
     * allowed" while T[6:0] > W[6:0]); the counter here is the reference, T − ⌊elapsed / tick⌋, written from the
     * manual. Refreshes land on and next to the decrements around the window's opening.
     */
    @Test
    void wwdgRefreshIsTooEarlyExactlyWhileTheCounterIsAboveTheWindow() {
        Props.property(150).forAll(integers().between(0x38, 0x7F), integers().between(0x40, 0x7F),
                integers().between(0, 3), integers().between(0, 3 * 9 - 1))
                .check((w, t, wdgtb, at) -> {
                    int decrements = Math.max(0, t - w + at / 3 - 4);    // around the window's opening, T − W
                    int offset = at % 3 - 1;    // one ns before, on, or after the decrement
                    Board b = new Board(Lsi.nominal(), false);
                    long[] wait = new long[2];
                    b.run(() -> {
                        if (b.boots == 1) {
                            b.mcu.wwdg().writeCfr(w, wdgtb, false);
                            b.mcu.wwdg().writeCr(Wwdg.WDGA | t);
                            wait[1] = b.mcu.wwdg().tickNs();    // a reset sets WDGTB back to 0
                            wait[0] = Math.max(0, decrements * wait[1] + offset);
                            b.mcu.core().busyWait(wait[0]);
                            b.mcu.wwdg().writeCr(0x7F);
                        }
                    }, 200_000_000);
                    long tick = wait[1];
                    long expiresAt = (t - 0x3F) * tick;
                    if (wait[0] >= expiresAt) {
                        return !b.causes.isEmpty() && b.at.get(0) == expiresAt;    // T6 cleared before the refresh
                    }
                    int counter = (int) Math.max(0x3F, t - wait[0] / tick);
                    boolean early = counter > w;
                    boolean resetAtRefresh = !b.causes.isEmpty() && b.at.get(0) == wait[0];
                    return early == resetAtRefresh;
                });
    }
}
