package org.sysmodels.core.fault;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.random.RandomStreams;

/**
 * Answers a model's question "does fault {@code kind} hit {@code target} now?" from a {@link FaultPlan}, and keeps a
 * log of every fault it injected for the run's report. Each planned fault has its own random stream
 * ("fault/&lt;index&gt;/&lt;kind&gt;"), so planning one more fault does not change when the others fire.
 */
public final class FaultInjector {

    /** A fault that fired. */
    public record Injection(String kind, String target, long at) {
    }

    private final List<Fault> faults;
    private final RandomStream[] streams;
    private final long[] fired;
    /** Per kind, the indices of its planned faults still able to fire, in plan order. */
    private final Map<String, int[]> live = new HashMap<>();
    private final Map<String, Integer> liveCount = new HashMap<>();
    private final List<Injection> log = new ArrayList<>();

    FaultInjector(FaultPlan plan, RandomStreams random) {
        this.faults = plan.faults();
        this.streams = new RandomStream[faults.size()];
        this.fired = new long[faults.size()];
        Map<String, List<Integer>> byKind = new HashMap<>();
        for (int i = 0; i < faults.size(); i++) {
            streams[i] = random.stream("fault/" + i + "/" + faults.get(i).kind());
            byKind.computeIfAbsent(faults.get(i).kind(), k -> new ArrayList<>()).add(i);
        }
        byKind.forEach((kind, list) -> {
            live.put(kind, list.stream().mapToInt(Integer::intValue).toArray());
            liveCount.put(kind, list.size());
        });
    }

    /** True if any planned fault has this kind: lets a model skip the question entirely on its hot path. */
    public boolean planned(String kind) {
        return live.containsKey(kind);
    }

    /**
     * Asks whether a fault of {@code kind} hits {@code target} at {@code now}; if so, logs it. The planned faults of
     * that kind are asked in plan order, the first that fires wins; a fault that has fired {@code count} times is
     * dropped from the kind's list, so a long plan costs only the faults still live.
     */
    public boolean fires(String kind, String target, long now) {
        int[] idx = live.get(kind);
        if (idx == null) {
            return false;
        }
        int n = liveCount.get(kind);
        for (int j = 0; j < n; j++) {
            int i = idx[j];
            Fault f = faults.get(i);
            if (!f.matches(kind, target, now)) {
                continue;
            }
            if (f.probability() >= 1.0 || streams[i].chance(f.probability())) {
                fired[i]++;
                log.add(new Injection(kind, target, now));
                if (f.count() > 0 && fired[i] >= f.count()) {
                    System.arraycopy(idx, j + 1, idx, j, n - j - 1);
                    liveCount.put(kind, n - 1);
                }
                return true;
            }
        }
        return false;
    }

    public List<Injection> injected() {
        return List.copyOf(log);
    }
}
