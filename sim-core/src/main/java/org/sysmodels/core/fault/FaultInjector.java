package org.sysmodels.core.fault;

import java.util.ArrayList;
import java.util.List;
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
    private final List<Injection> log = new ArrayList<>();

    FaultInjector(FaultPlan plan, RandomStreams random) {
        this.faults = plan.faults();
        this.streams = new RandomStream[faults.size()];
        this.fired = new long[faults.size()];
        for (int i = 0; i < faults.size(); i++) {
            streams[i] = random.stream("fault/" + i + "/" + faults.get(i).kind());
        }
    }

    /** True if any planned fault has this kind: lets a model skip the question entirely on its hot path. */
    public boolean planned(String kind) {
        for (Fault f : faults) {
            if (f.kind().equals(kind)) {
                return true;
            }
        }
        return false;
    }

    /** Asks whether a fault of {@code kind} hits {@code target} at {@code now}; if so, logs it. */
    public boolean fires(String kind, String target, long now) {
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            if (!f.matches(kind, target, now) || (f.count() > 0 && fired[i] >= f.count())) {
                continue;
            }
            if (f.probability() >= 1.0 || streams[i].chance(f.probability())) {
                fired[i]++;
                log.add(new Injection(kind, target, now));
                return true;
            }
        }
        return false;
    }

    public List<Injection> injected() {
        return List.copyOf(log);
    }
}
