package org.sysmodels.sensor.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.sensor.host.rtic.ResponseTimeAnalysis;
import org.sysmodels.sensor.host.rtic.TaskSpec;
import org.sysmodels.sensor.host.safety.TwoOutOfThree;

/**
 * OSTEP-style questions generated from a seed: response-time analysis of a task set with a shared resource, when a
 * stuck sensor drives the function to its safe state, which channel a 2oo3 vote throws out, and a window watchdog's
 * timing. {@code --solve} shows the working.
 */
public final class SensorQuiz {

    private SensorQuiz() {
    }

    public static List<QuizQuestion> generate(long seed) {
        RandomStream r = new RandomStreams(seed).stream("quiz");
        List<QuizQuestion> q = new ArrayList<>();
        q.add(responseTimes(r));
        q.add(safeState(r));
        q.add(vote(r));
        q.add(windowWatchdog(r));
        return q;
    }

    /** Three tasks, rate-monotonic priorities, the lowest sharing a resource with the highest. */
    static QuizQuestion responseTimes(RandomStream r) {
        long[] periods = {2, 3, 4, 5, 6, 8, 10, 12, 15, 20};
        long t1;
        long t2;
        long t3;
        long c1;
        long c2;
        long c3;
        long cs;
        List<ResponseTimeAnalysis.Bound> bounds;
        do {
            int a = r.nextInt(4);
            int b = a + 1 + r.nextInt(3);
            int c = b + 1 + r.nextInt(periods.length - b - 1);
            t1 = periods[a];
            t2 = periods[b];
            t3 = periods[c];
            c1 = 1 + r.nextInt((int) Math.max(1, t1 / 2));
            c2 = 1 + r.nextInt((int) Math.max(1, t2 / 3));
            c3 = 1 + r.nextInt((int) Math.max(1, t3 / 3));
            cs = Math.max(1, c3 / 2);
            bounds = ResponseTimeAnalysis.analyse(tasks(t1, t2, t3, c1, c2, c3, cs), 0);
        } while ((double) c1 / t1 + (double) c2 / t2 + (double) c3 / t3 > 0.95);
        String question = String.format(Locale.ROOT, "Three RTIC tasks, priorities 3 > 2 > 1, deadlines equal to "
                + "periods (ms): A (prio 3) T=%d C=%d; B (prio 2) T=%d C=%d; C (prio 1) T=%d C=%d. A and C share a "
                + "resource; C holds it for at most %d ms, under the priority ceiling protocol. What is each task's "
                + "worst-case response time, and does each meet its deadline? (Ignore interrupt entry and exit.)",
                t1, c1, t2, c2, t3, c3, cs);
        StringBuilder a = new StringBuilder("R = C + B + Σ_{higher j} ⌈R/T_j⌉·C_j, iterated from R = C + B until it "
                + "repeats. The resource's ceiling is 3 (A uses it), so A and B can each be blocked once by C's "
                + "critical section: B = " + cs + " ms for A and B, 0 for C (nothing lower can block it).\n");
        String[] names = {"A", "B", "C"};
        long[] c = {c1, c2, c3};
        long[] t = {t1, t2, t3};
        for (int i = 0; i < 3; i++) {
            ResponseTimeAnalysis.Bound bd = bounds.get(i);
            a.append("  ").append(names[i]).append(": ").append(iterations(i, c, t, bd.blocking()))
                    .append(bd.schedulable() ? " ≤ " + t[i] + " → meets its deadline"
                            : " > " + t[i] + " → misses its deadline").append('\n');
        }
        return new QuizQuestion(question, a.toString().strip());
    }

    static List<TaskSpec> tasks(long t1, long t2, long t3, long c1, long c2, long c3, long cs) {
        return List.of(new TaskSpec("A", 3, t1, t1, c1, Map.of("r", 0L)),
                new TaskSpec("B", 2, t2, t2, c2, Map.of()),
                new TaskSpec("C", 1, t3, t3, c3, Map.of("r", cs)));
    }

    private static String iterations(int i, long[] c, long[] t, long b) {
        StringBuilder s = new StringBuilder();
        long r = c[i] + b;
        s.append("R0 = ").append(c[i]).append(" + ").append(b).append(" = ").append(r);
        for (int n = 1; n < 30; n++) {
            long next = c[i] + b;
            StringBuilder terms = new StringBuilder();
            for (int j = 0; j < i; j++) {
                long k = (r + t[j] - 1) / t[j];
                next += k * c[j];
                terms.append(" + ⌈").append(r).append('/').append(t[j]).append("⌉·").append(c[j]);
            }
            if (i == 0) {
                return s.toString();
            }
            s.append("; R").append(n).append(" = ").append(c[i]).append(" + ").append(b).append(terms).append(" = ")
                    .append(next);
            if (next == r || next > t[i]) {
                return s.toString();
            }
            r = next;
        }
        return s.toString();
    }

    /** The reference firmware's BME280 sample period in ms: T×1, P×1, H off (5.5 ms typical) + t_sb 0.5 ms. */
    static final int SAMPLE_MS = 6;

    /** A sensor freezes: when does the frozen-data check put a 1oo2 function in its safe state? */
    static QuizQuestion safeState(RandomStream r) {
        long last = 100 + r.nextInt(40);           // ms: the last fresh sample
        long stuck = last + 1 + r.nextInt(SAMPLE_MS - 1);   // ms: the output freezes (before the next sample)
        long frozen = 20 + 10 * r.nextInt(5);       // ms
        long ftti = 50 + 25 * r.nextInt(4);         // ms
        long detect = (last + frozen) / 1 + 1;      // the first whole-ms loop cycle with now − last > frozen
        String question = String.format(Locale.ROOT, "A 1oo2 loop runs every 1 ms (at whole milliseconds). Sensor "
                + "0 delivers a fresh sample every " + SAMPLE_MS + " ms; its last one arrived at t = %d ms, and at t = "
                + "%d ms its output freezes (the registers keep "
                + "returning the same bytes). The frozen-data limit is %d ms: a channel whose raw data have not "
                + "changed for more than that is failed, and 1oo2 then goes to its safe state in the same cycle. "
                + "When is the actuator de-energised, and is that within an FTTI of %d ms from the fault?",
                last, stuck, frozen, ftti);
        long reaction = detect - stuck;
        String answer = String.format(Locale.ROOT, "The check counts from the last change, %d ms, not from the "
                + "fault: it fires at the first cycle where now − %d > %d, i.e. t = %d ms. The actuator goes off in "
                + "that cycle: %d ms after the fault, %s the FTTI of %d ms. (The sensor's normal-mode period, "
                + SAMPLE_MS + " ms (BST-BME280-DS001 §9.1: T×1, P×1, humidity off measure in 1 + 2 + 2.5 = 5.5 ms, "
                + "then t_sb 0.5 ms), is why the limit cannot be much shorter: the data legitimately stay the same "
                + "between measurements.)", last, last, frozen, detect, reaction,
                reaction <= ftti ? "within" : "NOT within", ftti);
        return new QuizQuestion(question, answer);
    }

    /** Three readings: which does 2oo3 outvote? */
    static QuizQuestion vote(RandomStream r) {
        double base = 40 + r.nextInt(40);
        double tol = 1.5;
        double[] v = {base + (r.nextInt(11) - 5) / 10.0, base + (r.nextInt(11) - 5) / 10.0,
                base + (r.nextInt(11) - 5) / 10.0};
        int odd = r.nextInt(4);
        if (odd < 3) {
            v[odd] += (r.nextInt(2) == 0 ? -1 : 1) * (2.5 + r.nextInt(60) / 10.0);
        }
        int m = TwoOutOfThree.median((int) Math.round(v[0] * 100), (int) Math.round(v[1] * 100),
                (int) Math.round(v[2] * 100));
        String question = String.format(Locale.ROOT, "A 2oo3 function reads %.1f, %.1f and %.1f °C from channels "
                + "0, 1, 2 for longer than the debounce time. A channel further than %.1f °C from the median is "
                + "outvoted. Which channel, if any, is excluded, and what value does the vote use?", v[0], v[1], v[2],
                tol);
        StringBuilder a = new StringBuilder(String.format(Locale.ROOT, "The median is %.2f °C. Distances: ",
                m / 100.0));
        int excluded = -1;
        for (int i = 0; i < 3; i++) {
            double d = Math.abs(v[i] - m / 100.0);
            a.append(String.format(Locale.ROOT, "ch%d %.2f%s", i, d, i < 2 ? ", " : ". "));
            if (d > tol && excluded < 0) {
                excluded = i;
            }
        }
        a.append(excluded < 0 ? "No channel is further than the tolerance: none is excluded; the vote uses the "
                + "median and trips when two channels are above the limit."
                : "Channel " + excluded + " is excluded (a DISCREPANCY report for it); the other two go on as 1oo2, "
                + "which trips when either is above the limit and goes safe if those two disagree.");
        return new QuizQuestion(question, a.toString());
    }

    /** A window watchdog's timeout and window. */
    static QuizQuestion windowWatchdog(RandomStream r) {
        int mhz = new int[] {16, 32, 48, 80}[r.nextInt(4)];
        int tb = r.nextInt(4);
        int t = 0x48 + r.nextInt(0x30);
        int w = t - 2 - r.nextInt(6);
        double tick = 4096.0 * (1 << tb) / mhz;    // µs
        String question = String.format(Locale.ROOT, "An STM32 window watchdog runs from PCLK = %d MHz with WDGTB = "
                + "%d. Software refreshes it with T[6:0] = 0x%02X; the window register holds W[6:0] = 0x%02X. How long "
                + "after a refresh may the next refresh come at the earliest, and when does the MCU reset if none "
                + "comes?", mhz, tb, t, w);
        String answer = String.format(Locale.ROOT, "One count takes 4096·2^WDGTB / PCLK = %.1f µs. A refresh is "
                + "allowed once the counter is ≤ W: after T − W = %d counts = %.1f µs (earlier resets the MCU: "
                + "\"refresh not allowed\"). The reset comes when T6 clears (0x40 → 0x3F): after T[5:0] + 1 = %d "
                + "counts = %.1f µs, the formula t_PCLK·4096·2^WDGTB·(T[5:0] + 1).", tick, t - w, (t - w) * tick,
                (t & 0x3F) + 1, ((t & 0x3F) + 1) * tick);
        return new QuizQuestion(question, answer);
    }
}
