package org.sysmodels.sensor.model.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.testing.Props;

/**
 * NVIC properties (ARMv7-M ARM B1.5.4): a pending exception of higher group priority always preempts; one of equal
 * group priority never does (it tail-chains after); among pending ones the lowest priority value wins, then the
 * lowest exception number. Plus a model-based test: random sequences of NVIC, BASEPRI and PRIMASK operations against
 * a reference written here, comparing the order in which handlers run.
 */
class NvicTest {

    /** Raw 8-bit priority of implemented value p with 4 bits. */
    static int raw(int p) {
        return p << 4;
    }

    static int group(int raw, int prigroup) {
        return raw - raw % (2 << prigroup);
    }

    @Test
    void higherGroupPriorityPreemptsEqualNever() {
        Props.property(400).forAll(integers().between(0, 15), integers().between(0, 15), integers().between(0, 7))
                .checkAssert((pa, pb, grouping) -> {
                    TestProgram t = new TestProgram();
                    t.main = () -> {
                        t.mcu.nvic().setPriorityGrouping(grouping);
                        t.mcu.nvic().setPriority(3, pa);
                        t.mcu.nvic().setPriority(5, pb);
                        t.mcu.nvic().enableIrq(3);
                        t.mcu.nvic().enableIrq(5);
                        t.mcu.nvic().setPendingIrq(3);
                    };
                    t.handlers.put(TestProgram.irq(3), e -> {
                        t.sched.after(100, () -> t.mcu.nvic().pend(TestProgram.irq(5)));
                        t.core.work(1000);
                    });
                    t.run(1_000_000);
                    boolean preempts = group(raw(pb), grouping) < group(raw(pa), grouping);
                    List<String> nested = List.of("enter 19", "enter 21", "exit 21", "exit 19");
                    List<String> after = List.of("enter 19", "exit 19", "enter 21", "exit 21");
                    assertEquals(preempts ? nested : after, t.log, "pa=" + pa + " pb=" + pb + " PRIGROUP=" + grouping);
                });
    }

    @Test
    void tiesGoToTheLowerNumberAfterSubpriority() {
        Props.property(400).forAll(integers().between(0, 15), integers().between(0, 15), integers().between(0, 7),
                integers().between(0, 30)).checkAssert((pa, pb, grouping, a) -> {
                    int b = a + 1;
                    TestProgram t = new TestProgram();
                    t.main = () -> {
                        t.mcu.nvic().setPriorityGrouping(grouping);
                        t.mcu.nvic().setPriority(a, pa);
                        t.mcu.nvic().setPriority(b, pb);
                        t.mcu.nvic().enableIrq(a);
                        t.mcu.nvic().enableIrq(b);
                        t.core.disableInterrupts();
                        t.mcu.nvic().setPendingIrq(b);
                        t.mcu.nvic().setPendingIrq(a);
                        t.core.enableInterrupts();
                    };
                    t.run(1_000_000);
                    int first = raw(pa) <= raw(pb) ? a : b;
                    assertEquals("enter " + TestProgram.irq(first), t.log.get(0));
                    assertEquals(4, t.log.size());
                });
    }

    // ------------------------------------------------------------------ model-based: random operations

    sealed interface Op {
        record Pend(int irq) implements Op {
        }

        record Enable(int irq, boolean on) implements Op {
        }

        record Priority(int irq, int p) implements Op {
        }

        record Basepri(int p) implements Op {
        }

        record Primask(boolean on) implements Op {
        }

        record Grouping(int g) implements Op {
        }

        /** NVIC_ClearPendingIRQ. */
        record Clear(int irq) implements Op {
        }
    }

    static final int IRQS = 6;

    static Gen<Op> ops() {
        Gen<Integer> irq = integers().between(0, IRQS - 1);
        Gen<Integer> prio = integers().between(0, 15);
        return integers().between(0, 13).flatMap(k -> switch (k) {
            case 0, 1, 2, 3 -> irq.map(i -> (Op) new Op.Pend(i));
            case 4, 5 -> irq.zip(integers().between(0, 3), (i, b) -> (Op) new Op.Enable(i, b != 0));
            case 6, 7 -> irq.zip(prio, (i, p) -> (Op) new Op.Priority(i, p));
            case 8 -> integers().between(0, 15).map(p -> (Op) new Op.Basepri(p));
            case 9 -> integers().between(0, 2).map(b -> (Op) new Op.Primask(b == 0));
            case 10 -> integers().between(0, 7).map(g -> (Op) new Op.Grouping(g));
            case 11 -> irq.map(i -> (Op) new Op.Clear(i));
            // masked more often, so pended exceptions wait while the other operations change what runs next
            default -> integers().between(0, 2).map(b -> (Op) new Op.Primask(b != 0));
        });
    }

    /** When handler i runs it pends chain[i] (a higher number, or none): nesting and tail-chaining follow. */
    static Gen<List<Integer>> chains() {
        return lists().of(integers().between(0, IRQS)).ofSize(IRQS);
    }

    @Test
    void handlerOrderAgreesWithTheReference() {
        Props.property(300).forAll(lists().of(ops()).ofSizeBetween(1, 40), chains()).checkAssert((ops, chain) -> {
            List<String> sim = simulate(ops, chain);
            List<String> ref = reference(ops, chain);
            assertEquals(ref, sim, "ops " + ops + " chain " + chain);
        });
    }

    static int next(int i, List<Integer> chain) {
        int c = chain.get(i);
        return c > i && c < IRQS ? c : -1;
    }

    static List<String> simulate(List<Op> ops, List<Integer> chain) {
        TestProgram t = new TestProgram();
        for (int i = 0; i < IRQS; i++) {
            int me = i;
            t.handlers.put(TestProgram.irq(i), e -> {
                int n = next(me, chain);
                if (n >= 0) {
                    t.mcu.nvic().setPendingIrq(n);
                }
            });
        }
        t.main = () -> {
            for (Op op : ops) {
                switch (op) {
                    case Op.Pend p -> t.mcu.nvic().setPendingIrq(p.irq());
                    case Op.Enable e -> {
                        if (e.on()) {
                            t.mcu.nvic().enableIrq(e.irq());
                        } else {
                            t.mcu.nvic().disableIrq(e.irq());
                        }
                    }
                    case Op.Priority p -> t.mcu.nvic().setPriority(p.irq(), p.p());
                    case Op.Basepri b -> t.core.setBasepri(raw(b.p()));
                    case Op.Primask m -> {
                        if (m.on()) {
                            t.core.disableInterrupts();
                        } else {
                            t.core.enableInterrupts();
                        }
                    }
                    case Op.Grouping g -> t.mcu.nvic().setPriorityGrouping(g.g());
                    case Op.Clear c -> t.mcu.nvic().clearPendingIrq(c.irq());
                }
                t.core.work(10);
            }
        };
        t.run(10_000_000);
        return t.log;
    }

    /** The reference: sets and a recursion, straight from the rules. */
    static List<String> reference(List<Op> ops, List<Integer> chain) {
        Ref r = new Ref(chain);
        for (Op op : ops) {
            switch (op) {
                case Op.Pend p -> r.pending.add(p.irq());
                case Op.Enable e -> r.enabled[e.irq()] = e.on();
                case Op.Priority p -> r.prio[p.irq()] = p.p();
                case Op.Basepri b -> r.basepri = b.p();
                case Op.Primask m -> r.primask = m.on();
                case Op.Grouping g -> r.prigroup = g.g();
                case Op.Clear c -> r.pending.remove(c.irq());
            }
            r.runAbove(r.threadPriority());
        }
        return r.log;
    }

    static final class Ref {
        final List<String> log = new ArrayList<>();
        final int[] prio = new int[IRQS];
        final boolean[] enabled = new boolean[IRQS];
        final TreeSet<Integer> pending = new TreeSet<>();
        final List<Integer> chain;
        int basepri;
        boolean primask;
        int prigroup;

        Ref(List<Integer> chain) {
            this.chain = chain;
        }

        int threadPriority() {
            if (primask) {
                return 0;
            }
            return basepri == 0 ? 256 : group(raw(basepri), prigroup);
        }

        /** Takes every pending exception that can preempt {@code execPri}, highest first, nesting as handlers pend. */
        void runAbove(int execPri) {
            while (true) {
                int best = -1;
                for (int i : pending) {
                    if (enabled[i] && (best < 0 || raw(prio[i]) < raw(prio[best]))) {
                        best = i;
                    }
                }
                if (best < 0 || group(raw(prio[best]), prigroup) >= execPri) {
                    return;
                }
                pending.remove(best);
                log.add("enter " + TestProgram.irq(best));
                int n = next(best, chain);
                if (n >= 0) {
                    pending.add(n);
                    runAbove(Math.min(execPri, group(raw(prio[best]), prigroup)));
                }
                log.add("exit " + TestProgram.irq(best));
            }
        }
    }
}
