package org.sysmodels.core.check;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's checks and the findings they report. The list is fixed when the run starts, so the report can say which
 * rules were held and which of them were clean ({@link #rules()}), not only which were broken.
 *
 * @param <C> the system's check type (its observer interface plus {@link Check})
 */
public final class Checker<C extends Check> {

    private final List<C> checks;
    private final Findings findings;

    public Checker(List<? extends C> checks, Findings findings) {
        this.checks = List.copyOf(checks);
        this.findings = findings;
        List<String> names = new ArrayList<>();
        for (C c : this.checks) {
            if (names.contains(c.rule().name())) {
                throw new IllegalArgumentException("two checks hold rule " + c.rule().name());
            }
            names.add(c.rule().name());
        }
    }

    /** The checks, in the order events reach them. */
    public List<C> checks() {
        return checks;
    }

    /** The rules held in this run. */
    public List<Rule> rules() {
        return checks.stream().map(Check::rule).toList();
    }

    public Findings findings() {
        return findings;
    }

    /** Ends the run for every check (see {@link Check#finish}). */
    public void finish(long now) {
        for (C c : checks) {
            c.finish(now, findings);
        }
    }
}
