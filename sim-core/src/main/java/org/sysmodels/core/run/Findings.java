package org.sysmodels.core.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a run's {@link Finding}s. Keeps the first {@code perRuleLimit} of each rule and counts the rest, so a rule
 * broken on every command of a long run costs a counter, not the heap.
 */
public final class Findings {

    private final int perRuleLimit;
    private final List<Finding> kept = new ArrayList<>();
    private final Map<String, Long> countByRule = new HashMap<>();
    private long violations;

    public Findings() {
        this(20);
    }

    public Findings(int perRuleLimit) {
        this.perRuleLimit = perRuleLimit;
    }

    public void violation(String rule, String message, long at, String where) {
        add(new Finding(Severity.VIOLATION, rule, message, at, where));
    }

    public void warning(String rule, String message, long at, String where) {
        add(new Finding(Severity.WARNING, rule, message, at, where));
    }

    public void info(String rule, String message, long at, String where) {
        add(new Finding(Severity.INFO, rule, message, at, where));
    }

    public void add(Finding f) {
        long n = countByRule.merge(f.rule(), 1L, Long::sum);
        if (f.severity() == Severity.VIOLATION) {
            violations++;
        }
        if (n <= perRuleLimit) {
            kept.add(f);
        }
    }

    /** Total violations, including those past the per-rule limit. */
    public long violations() {
        return violations;
    }

    /** How many times a rule was reported, including those past the limit. */
    public long count(String rule) {
        return countByRule.getOrDefault(rule, 0L);
    }

    public boolean isEmpty() {
        return countByRule.isEmpty();
    }

    /** The kept findings, followed by one INFO line per rule whose findings were cut at the limit. */
    public List<Finding> list() {
        List<Finding> out = new ArrayList<>(kept);
        countByRule.entrySet().stream()
                .filter(e -> e.getValue() > perRuleLimit)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.add(new Finding(Severity.INFO, e.getKey(), (e.getValue() - perRuleLimit)
                        + " more findings of this rule not listed", 0, "")));
        return out;
    }
}
