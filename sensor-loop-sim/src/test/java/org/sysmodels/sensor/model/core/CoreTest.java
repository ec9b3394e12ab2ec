package org.sysmodels.sensor.model.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WFI, SLEEPONEXIT, BASEPRI, HardFault, reset, SysTick and energy on the core (ARMv7-M ARM B1.5, B3.3). */
class CoreTest {

    @Test
    void wfiWithPrimaskWakesWithoutRunningTheHandler() {
        TestProgram t = new TestProgram();
        List<String> seen = new ArrayList<>();
        t.main = () -> {
            t.mcu.nvic().enableIrq(2);
            t.core.disableInterrupts();
            t.sched.after(5_000, () -> t.mcu.nvic().pend(TestProgram.irq(2)));
            t.core.wfi();
            seen.add("woke at " + t.core.now() + " handler ran: " + t.log.contains("enter 18"));
            t.core.enableInterrupts();
            seen.add("after CPSIE handler ran: " + t.log.contains("enter 18"));
        };
        t.run(100_000);
        assertEquals(List.of("woke at 5000 handler ran: false", "after CPSIE handler ran: true"), seen);
    }

    @Test
    void basepriMaskedInterruptDoesNotWakeWfi() {
        TestProgram t = new TestProgram();
        long[] woke = {-1};
        t.main = () -> {
            t.mcu.nvic().setPriority(2, 8);
            t.mcu.nvic().setPriority(3, 2);
            t.mcu.nvic().enableIrq(2);
            t.mcu.nvic().enableIrq(3);
            t.core.setBasepri(4 << 4);                        // masks priority values ≥ 4
            t.sched.after(5_000, () -> t.mcu.nvic().pend(TestProgram.irq(2)));
            t.sched.after(9_000, () -> t.mcu.nvic().pend(TestProgram.irq(3)));
            t.core.wfi();
            woke[0] = t.core.now();
        };
        t.run(100_000);
        assertEquals(9_000, woke[0], "only the unmasked IRQ3 wakes the core (at 9 µs); IRQ2 stays pending");
        assertTrue(t.mcu.nvic().isPendingIrq(2));
    }

    @Test
    void sleepOnExitReturnsToSleepAfterTheHandler() {
        TestProgram t = new TestProgram();
        List<String> thread = new ArrayList<>();
        t.main = () -> {
            t.mcu.nvic().enableIrq(1);
            t.core.setSleepOnExit(true);
            for (int k = 1; k <= 3; k++) {
                t.sched.after(k * 10_000L, () -> t.mcu.nvic().pend(TestProgram.irq(1)));
            }
            t.core.wfi();
            thread.add("thread resumed");
        };
        t.run(100_000);
        assertEquals(6, t.log.size(), "three handler runs");
        assertTrue(thread.isEmpty(), "with SLEEPONEXIT the core never returns to thread mode");
        assertTrue(t.core.energy().nanos(PowerState.SLEEP, t.core.now()) > 90_000, "and sleeps in between");
    }

    @Test
    void firmwareExceptionIsHardFaultThenTheCoreSpins() {
        TestProgram t = new TestProgram();
        int[] faults = {0};
        t.core.addListener(new CoreListener() {
            @Override
            public void hardFault(Throwable thrown, int exc, long now) {
                faults[0]++;
            }
        });
        List<String> after = new ArrayList<>();
        t.main = () -> {
            t.mcu.nvic().enableIrq(4);
            t.mcu.nvic().setPendingIrq(4);
            after.add("main continued");
        };
        t.handlers.put(TestProgram.irq(4), e -> {
            throw new IllegalStateException("bug");
        });
        t.run(50_000);
        assertEquals(1, faults[0]);
        assertTrue(after.isEmpty(), "HardFault does not return to the faulting code");
    }

    @Test
    void resetUnwindsEverythingAndSetsTheFlag() {
        TestProgram t = new TestProgram();
        int[] boots = {0};
        List<ResetCause> causes = new ArrayList<>();
        t.core.addListener(new CoreListener() {
            @Override
            public void reset(ResetCause cause, long now) {
                causes.add(cause);
            }
        });
        t.main = () -> {
            boots[0]++;
            if (boots[0] == 1) {
                t.mcu.nvic().enableIrq(0);
                t.mcu.nvic().setPendingIrq(0);
            }
        };
        t.handlers.put(TestProgram.irq(0), e -> t.core.systemReset());
        t.run(1_000_000);
        assertEquals(2, boots[0]);
        assertEquals(List.of(ResetCause.SOFTWARE), causes);
        assertTrue((t.core.resetFlags() & ResetCause.SOFTWARE.flag()) != 0);
        assertFalse(t.mcu.nvic().isEnabled(0), "the NVIC is back at its reset values");
    }

    @Test
    void sysTickWrapsEveryReloadPlusOneCycles() {
        TestProgram t = new TestProgram();
        List<Long> at = new ArrayList<>();
        t.main = () -> t.mcu.sysTick().configure(80_000);
        t.handlers.put(Exceptions.SYSTICK, e -> at.add(t.core.now()));
        t.run(5_500_000);
        assertEquals(5, at.size());
        for (int i = 0; i < at.size(); i++) {
            long wrap = (i + 1) * 1_000_000L;
            assertTrue(at.get(i) >= wrap && at.get(i) <= wrap + 200, "tick " + i + " at " + at.get(i));
        }
    }

    /**
     * SysTick's wrap is a scheduler timer, not a heap event: at the same nanosecond it must still run after events
     * scheduled before it was armed (at the previous wrap) and before events scheduled after that.
     */
    @Test
    void sysTickWrapKeepsInsertionOrderWithEventsAtTheSameNanosecond() {
        TestProgram t = new TestProgram();
        List<String> seen = new ArrayList<>();
        long[] epoch = {-1};
        t.main = () -> {
            epoch[0] = t.core.now();
            long second = epoch[0] + 2 * t.core.clock().ns(80_000);
            t.sched.at(second, () -> seen.add("early event sees " + t.mcu.sysTick().wraps() + " wraps"));
            t.mcu.sysTick().configure(80_000);
            t.sched.at(epoch[0] + t.core.clock().ns(80_000) + 1, () -> t.sched.at(second,
                    () -> seen.add("late event sees " + t.mcu.sysTick().wraps() + " wraps")));
        };
        t.run(2_500_000);
        assertEquals(List.of("early event sees 1 wraps", "late event sees 2 wraps"), seen,
                "the second wrap runs between an event scheduled before the first wrap and one scheduled after it");
    }

    @Test
    void slowClockStretchesSysTick() {
        TestProgram t = new TestProgram();
        List<Long> at = new ArrayList<>();
        t.main = () -> t.mcu.sysTick().configure(80_000);
        t.handlers.put(Exceptions.SYSTICK, e -> at.add(t.core.now()));
        t.sched.at(2_500_000, () -> t.core.clock().setFactor(0.5, t.sched.now()));
        t.run(8_000_000);
        assertEquals(1_000_000, at.get(1) - at.get(0), 200);
        assertEquals(2_000_000, at.get(4) - at.get(3), 200, "at half speed a 1 ms tick takes 2 ms");
    }

    @Test
    void energyIntegratesTimeInEachState() {
        TestProgram t = new TestProgram();
        t.main = () -> {
            t.core.work(80_000);                      // 1 ms of run
            t.mcu.sysTick().configure(800_000);      // wakes every 10 ms
            t.core.wfi();
        };
        t.run(20_000_000);
        long end = t.core.now();
        EnergyMeter e = t.core.energy();
        assertEquals(end, e.nanos(PowerState.RUN, end) + e.nanos(PowerState.SLEEP, end));
        assertTrue(e.nanos(PowerState.SLEEP, end) > 8_000_000);
        PowerProfile p = PowerProfile.DEFAULT;
        assertEquals(e.nanos(PowerState.RUN, end) * 1e-9 * p.runMilliAmps() * 1e-3 * p.volts(),
                e.joules(PowerState.RUN, end), 1e-12);
    }
}
