package org.sysmodels.sensor.host.rtic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.testing.Props;
import org.sysmodels.sensor.host.FirmwareImage;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.McuConfig;

/**
 * Response-time analysis against simulation: for random task sets released together (the critical instant), every
 * measured response time of a set that passes the analysis stays within its bound; a set that fails the analysis
 * (even without any interrupt overhead) misses a deadline in simulation.
 */
class RtaTest {

    /** One synthetic task: priority = index + 1 (higher index, more urgent). */
    record Spec(long periodUs, long wcetUs, long csUs) {
    }

    /** Tasks that spend exactly their WCET: the lowest and the highest share a resource for csUs. */
    static final class Synthetic extends RticApp {
        final List<long[]> done = new ArrayList<>();
        final java.util.Map<String, List<long[]>> open = new java.util.HashMap<>();
        long end;

        Synthetic(List<Spec> specs) {
            Resource<int[]> shared = shared("shared", new int[1]);
            int n = specs.size();
            for (int i = 0; i < n; i++) {
                Spec s = specs.get(i);
                boolean uses = (i == 0 || i == n - 1) && n > 1 && s.csUs() > 0;
                Task t = task("t" + i, i + 1).every(s.periodUs() * 1000, 100_000).wcet(s.wcetUs() * 1000);
                if (uses) {
                    t.uses(shared, Math.min(s.csUs(), s.wcetUs()) * 1000);
                }
                long cs = uses ? Math.min(s.csUs(), s.wcetUs()) : 0;
                t.run(cx -> {
                    long cyclesPerUs = cx.mcu().core().clock().nominalHz() / 1_000_000;
                    if (cs > 0) {
                        cx.lock(shared, d -> cx.work(cs * cyclesPerUs));
                    }
                    cx.work((s.wcetUs() - cs) * cyclesPerUs);
                });
            }
        }

        @Override
        protected void init(Mcu mcu) {
        }
    }

    static Gen<List<Spec>> taskSets() {
        return taskSets(5, 60);
    }

    /** Schedulable sets come mostly from lighter tasks. */
    static Gen<List<Spec>> lightTaskSets() {
        return taskSets(2, 30);
    }

    static Gen<List<Spec>> taskSets(int minPct, int maxPct) {
        long[] periods = {1000, 2000, 3000, 4000, 5000, 6000, 8000, 10000};
        Gen<Spec> spec = integers().between(0, periods.length - 1).zip(integers().between(minPct, maxPct),
                integers().between(0, 40), (p, pct, cs) -> new Spec(periods[p], periods[p] * pct / 100,
                        periods[p] * pct / 100 * cs / 100));
        // Rate-monotonic: shorter period, higher priority (later in the list).
        return lists().of(spec).ofSizeBetween(2, 4).map(l -> {
            List<Spec> sorted = new ArrayList<>(l);
            sorted.sort((a, b) -> Long.compare(b.periodUs(), a.periodUs()));
            return sorted;
        });
    }

    /** Runs the set for three of its longest periods; returns the app with its completions. */
    static Synthetic simulate(List<Spec> specs) {
        Synthetic app = new Synthetic(specs);
        Mcu mcu = new Mcu(McuConfig.DEFAULT, new Scheduler());
        app.listen(new TaskListener() {
            @Override
            public void released(String task, long release, long deadline) {
                app.open.computeIfAbsent(task, k -> new ArrayList<>()).add(new long[] {release, deadline});
            }

            @Override
            public void completed(String task, long release, long end, long bound, long deadline) {
                app.done.add(new long[] {Integer.parseInt(task.substring(1)), release, end, bound, deadline});
                app.open.get(task).removeIf(r -> r[0] == release);
            }
        });
        long longest = specs.stream().mapToLong(Spec::periodUs).max().orElse(1000) * 1000;
        long end = 3 * longest + 200_000;
        mcu.run(FirmwareImage.of(mcu, () -> app), end);
        app.end = end;
        return app;
    }

    static List<TaskSpec> specs(List<Spec> specs) {
        List<TaskSpec> out = new ArrayList<>();
        int n = specs.size();
        for (int i = 0; i < n; i++) {
            Spec s = specs.get(i);
            boolean uses = (i == 0 || i == n - 1) && n > 1 && s.csUs() > 0;
            out.add(new TaskSpec("t" + i, i + 1, s.periodUs() * 1000, s.periodUs() * 1000, s.wcetUs() * 1000,
                    uses ? Map.of("shared", Math.min(s.csUs(), s.wcetUs()) * 1000) : Map.of()));
        }
        return out;
    }

    @Test
    void measuredResponseTimesStayWithinTheBoundOfASchedulableSet() {
        Props.property(150).forAll(lightTaskSets())
                .assuming(set -> ResponseTimeAnalysis.analyse(specs(set), 275).stream()
                        .allMatch(ResponseTimeAnalysis.Bound::schedulable))
                .checkAssert(set -> {
                    Synthetic app = simulate(set);
                    assertTrue(!app.done.isEmpty());
                    for (long[] d : app.done) {
                        long response = d[2] - d[1];
                        assertTrue(d[3] >= 0, "the app's own analysis passed too");
                        assertTrue(response <= d[3], "t" + d[0] + " responded in " + response + " ns, bound "
                                + d[3] + " ns; set " + set);
                    }
                });
    }

    /**
     * Without shared resources, releasing every task together is the critical instant (Liu and Layland), so a task
     * the analysis finds late is late in this simulation. (With blocking, the worst case needs a lower task to take
     * its lock just before the higher one's release: a particular phasing, not the synchronous one.)
     */
    @Test
    void aSetThatFailsTheAnalysisMissesADeadline() {
        Props.property(150).forAll(taskSets().map(RtaTest::withoutResources))
                .assuming(set -> ResponseTimeAnalysis.analyse(specs(set), 0).stream()
                        .anyMatch(b -> !b.schedulable()))
                .checkAssert(set -> {
                    Synthetic app = simulate(set);
                    boolean missed = app.done.stream().anyMatch(d -> d[2] - d[1] > d[4])
                            || app.open.values().stream().flatMap(List::stream)
                            .anyMatch(r -> app.end - r[0] > r[1]);
                    assertTrue(missed, "the analysis says a task misses its deadline, the simulation found none: "
                            + set);
                });
    }

    static List<Spec> withoutResources(List<Spec> set) {
        return set.stream().map(s -> new Spec(s.periodUs(), s.wcetUs(), 0)).toList();
    }

    /** The worst phasing for blocking: the low task takes its lock just before the high task's release. */
    @Test
    void blockingAtItsWorstPhasingIsWithinTheBoundAndCanMissADeadline() {
        long[] response = new long[2];
        for (int k = 0; k < 2; k++) {
            long cs = k == 0 ? 300 : 950;     // µs: within the deadline, then beyond it
            class App extends RticApp {
                App() {
                    Resource<int[]> r = shared("r", new int[1]);
                    task("lo", 1).every(20_000_000, 50_000).wcet(cs * 1000).uses(r, cs * 1000)
                            .run(cx -> cx.lock(r, d -> cx.work(cs * 80)));
                    task("hi", 2).every(1_000_000, 100_000).wcet(100_000).uses(r, 1_000)
                            .run(cx -> cx.work(100 * 80));
                }

                @Override
                protected void init(Mcu mcu) {
                }
            }
            App app = new App();
            Mcu mcu = new Mcu(McuConfig.DEFAULT, new Scheduler());
            long[] worst = {0};
            long[] bound = {0};
            app.listen((task, release, end, b, deadline) -> {
                if (task.equals("hi")) {
                    worst[0] = Math.max(worst[0], end - release);
                    bound[0] = b;
                }
            });
            mcu.run(FirmwareImage.of(mcu, () -> app), 3_000_000);
            response[k] = worst[0];
            if (k == 0) {
                assertTrue(worst[0] > 300_000 - 60_000, "hi was blocked by most of lo's critical section: "
                        + worst[0]);
                assertTrue(worst[0] <= bound[0], "measured " + worst[0] + " ≤ bound " + bound[0]);
            } else {
                assertEquals(-1, bound[0], "the analysis rejects B = 950 µs with D = 1 ms");
                assertTrue(worst[0] > 1_000_000, "and the simulation misses the deadline: " + worst[0]);
            }
        }
    }

    /** The textbook example: three tasks, no blocking (Burns & Wellings' style), worked by hand. */
    @Test
    void recurrenceByHand() {
        List<TaskSpec> tasks = List.of(new TaskSpec("a", 3, 7, 7, 3, Map.of()),
                new TaskSpec("b", 2, 12, 12, 3, Map.of()), new TaskSpec("c", 1, 20, 20, 5, Map.of()));
        List<ResponseTimeAnalysis.Bound> b = ResponseTimeAnalysis.analyse(tasks, 0);
        assertEquals(3, b.get(0).response());
        assertEquals(6, b.get(1).response());
        assertEquals(20, b.get(2).response(), "5 → 11 → 14 → 17 → 20 → 20");
        assertTrue(b.get(2).schedulable());
    }

    @Test
    void blockingIsTheLongestLowerCriticalSectionUnderACeilingAtLeastTheTask() {
        List<TaskSpec> tasks = List.of(new TaskSpec("hi", 3, 10, 10, 1, Map.of("r", 1L)),
                new TaskSpec("mid", 2, 10, 10, 1, Map.of()), new TaskSpec("lo", 1, 10, 10, 4, Map.of("r", 3L)));
        assertEquals(3, ResponseTimeAnalysis.blocking(tasks.get(0), tasks, ResponseTimeAnalysis.ceilings(tasks)));
        assertEquals(3, ResponseTimeAnalysis.blocking(tasks.get(1), tasks, ResponseTimeAnalysis.ceilings(tasks)),
                "mid is blocked too: the ceiling of r (3) is above it");
        assertEquals(0, ResponseTimeAnalysis.blocking(tasks.get(2), tasks, ResponseTimeAnalysis.ceilings(tasks)));
    }
}
