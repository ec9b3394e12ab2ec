package org.sysmodels.sensor.model.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/**
 * The core's parts on their own: the active-exception stack and the mask registers (ARMv7-M ARM B1.4.3, B1.5.4),
 * the reset flags (RM0090 §7.3.21) and the injected faults.
 */
class CorePartsTest {

    /** The execution priority is that of the highest-priority active exception; returning restores the one below. */
    @Test
    void stackRunsAtItsHighestPriorityFrame() {
        Props.property(500).forAll(lists().of(integers().between(-1, 255)).ofSizeBetween(1, 12))
                .checkAssert(groups -> {
                    ExceptionStack s = new ExceptionStack();
                    for (int i = 0; i < groups.size(); i++) {
                        s.push(Exceptions.IRQ0 + i, groups.get(i));
                    }
                    for (int i = groups.size() - 1; i >= 0; i--) {
                        int highest = groups.subList(0, i + 1).stream().mapToInt(Integer::intValue).min().orElseThrow();
                        assertEquals(highest, s.priority());
                        assertEquals(Exceptions.IRQ0 + i, s.current(), "IPSR shows the innermost exception");
                        s.pop();
                    }
                    assertFalse(s.inHandlerMode());
                    assertEquals(0, s.current());
                    assertEquals(ExceptionStack.THREAD_PRIORITY, s.priority());
                });
    }

    /** Masking only raises the priority: BASEPRI to its group priority at least, PRIMASK to 0; it never lowers it. */
    @Test
    void masksOnlyBoostTheExecutionPriority() {
        Props.property(2000).forAll(integers().between(-1, 256), integers().between(0, 255), booleans().all(),
                integers().between(0, 7)).checkAssert((active, basepri, primask, prigroup) -> {
                    Nvic nvic = new Nvic(4);
                    nvic.setPriorityGrouping(prigroup);
                    PriorityMasks m = new PriorityMasks(nvic);
                    m.setBasepri(basepri);
                    m.setPrimask(primask);
                    int exec = m.executionPriority(active);
                    int wake = m.ignoringPrimask(active);
                    assertTrue(exec <= wake && wake <= active);
                    assertTrue(m.basepri() == 0 || wake <= nvic.group(m.basepri()));
                    assertEquals(primask ? Math.min(wake, 0) : wake, exec, "PRIMASK boosts to 0 (ExecutionPriority())");
                });
    }

    @Test
    void basepriKeepsOnlyTheImplementedBits() {
        PriorityMasks m = new PriorityMasks(new Nvic(4));
        m.setBasepri(0x4F);
        assertEquals(0x40, m.basepri());
        m.reset();
        assertEquals(0, m.basepri());
        assertFalse(m.primask());
    }

    /** The first request decides the cause; flags accumulate across resets until RMVF. */
    @Test
    void resetFlagsAccumulateUntilCleared() {
        ResetStatus r = new ResetStatus();
        assertEquals(ResetCause.POWER_ON.flag(), r.flags());
        r.request(ResetCause.INDEPENDENT_WATCHDOG);
        r.request(ResetCause.SOFTWARE);
        assertTrue(r.requested());
        assertEquals(ResetCause.INDEPENDENT_WATCHDOG, r.apply());
        assertFalse(r.requested());
        r.request(ResetCause.SOFTWARE);
        r.apply();
        assertEquals(ResetCause.POWER_ON.flag() | ResetCause.INDEPENDENT_WATCHDOG.flag() | ResetCause.SOFTWARE.flag(),
                r.flags());
        assertEquals(ResetCause.SOFTWARE, r.lastCause());
        r.clearFlags();
        assertEquals(0, r.flags());
    }

    /** An overrun or a hang hits its own context once; an overrun for −1 hits whichever runs first. */
    @Test
    void injectedFaultsHitTheirContextOnce() {
        InjectedFaults f = new InjectedFaults();
        f.overrun(100, Exceptions.SYSTICK);
        assertEquals(0, f.takeOverrun(0));
        assertEquals(100, f.takeOverrun(Exceptions.SYSTICK));
        assertEquals(0, f.takeOverrun(Exceptions.SYSTICK));
        f.overrun(30, -1);
        assertEquals(30, f.takeOverrun(Exceptions.IRQ0 + 2));
        f.hang(0);
        assertFalse(f.takeHang(Exceptions.SYSTICK));
        assertTrue(f.takeHang(0));
        assertFalse(f.takeHang(0));
        f.hang(0);
        f.clear();
        assertFalse(f.takeHang(0));
    }
}
