package org.sysmodels.sensor.host.rtic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Worst-case response times of fixed-priority preemptive tasks: the recurrence of Joseph and Pandya ("Finding
 * response times in a real-time system", The Computer Journal 29(5), 1986) with blocking as Audsley, Burns,
 * Richardson, Tindell and Wellings add it ("Applying new scheduling theory to static priority pre-emptive
 * scheduling", Software Engineering Journal 8(5), 1993):
 *
 * <pre>  R = C + B + Σ_{j ∈ hp(i)} ⌈R / T_j⌉ · C_j,  iterated from R = C + B until it repeats or exceeds D</pre>
 *
 * Under the immediate priority ceiling protocol (Baker's stack resource policy, which RTIC implements with BASEPRI) a
 * task is blocked at most once, by the longest critical section of a lower-priority task on a resource whose ceiling
 * is at least the task's priority. Tasks of equal priority do not preempt each other; they are counted as
 * interference here, which over-estimates but never under-estimates. Each job's exception entry and exit are added to
 * its C.
 */
public final class ResponseTimeAnalysis {

    /** One task's result: its bound, or the value at which the iteration passed the deadline. */
    public record Bound(TaskSpec task, long blocking, long response, boolean schedulable, int iterations) {
    }

    private ResponseTimeAnalysis() {
    }

    /** The ceiling of each resource: the highest priority of the tasks that lock it. */
    public static Map<String, Integer> ceilings(List<TaskSpec> tasks) {
        Map<String, Integer> c = new HashMap<>();
        for (TaskSpec t : tasks) {
            for (String r : t.criticalSections().keySet()) {
                c.merge(r, t.priority(), Math::max);
            }
        }
        return c;
    }

    /**
     * Bounds for every task, in the order given.
     *
     * @param overheadNs per-job cost of entering and leaving the task's handler (exception entry + exit)
     */
    public static List<Bound> analyse(List<TaskSpec> tasks, long overheadNs) {
        Map<String, Integer> ceiling = ceilings(tasks);
        List<Bound> out = new ArrayList<>();
        for (TaskSpec t : tasks) {
            long b = blocking(t, tasks, ceiling);
            long c = t.wcet() + overheadNs;
            long r = c + b;
            int n = 0;
            boolean ok;
            while (true) {
                n++;
                long next = c + b;
                for (TaskSpec j : tasks) {
                    if (j != t && j.priority() >= t.priority()) {
                        next += ceilDiv(r, j.period()) * (j.wcet() + overheadNs);
                    }
                }
                if (next > t.deadline()) {
                    r = next;
                    ok = false;
                    break;
                }
                if (next == r) {
                    ok = true;
                    break;
                }
                r = next;
            }
            out.add(new Bound(t, b, r, ok, n));
        }
        return out;
    }

    /** B_i: the longest critical section of a lower-priority task on a resource with ceiling ≥ the task's priority. */
    public static long blocking(TaskSpec t, List<TaskSpec> tasks, Map<String, Integer> ceiling) {
        long b = 0;
        for (TaskSpec j : tasks) {
            if (j.priority() >= t.priority()) {
                continue;
            }
            for (Map.Entry<String, Long> cs : j.criticalSections().entrySet()) {
                if (ceiling.get(cs.getKey()) >= t.priority()) {
                    b = Math.max(b, cs.getValue());
                }
            }
        }
        return b;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
