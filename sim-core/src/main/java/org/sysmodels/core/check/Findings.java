package org.sysmodels.core.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sysmodels.core.check.Rule;

/**
 * Collects a run's {@link Finding}s. Keeps the first {@code perRuleLimit} of each rule and counts all of them, so a
 * rule broken on every command of a long run costs a counter, not the heap; {@link #tallies()} gives each rule's
 * count, worst severity and first finding, which is what reports print.
 */
public final class Findings {

    private static final class Tally {
        final Finding first;
        final String source;
        Severity worst;
        long count;

        Tally(Finding first) {
            this.first = first;
            this.source = first.source();
            this.worst = first.severity();
        }
    }

    private final int perRuleLimit;
    private final List<Finding> kept = new ArrayList<>();
    private final Map<String, Tally> byRule = new LinkedHashMap<>();
    private long violations;

    public Findings() {
        this(20);
    }

    public Findings(int perRuleLimit) {
        this.perRuleLimit = perRuleLimit;
    }

    public void violation(Rule rule, String message, long at, String where) {
        add(new Finding(Severity.VIOLATION, rule, message, at, where));
    }

    public void warning(Rule rule, String message, long at, String where) {
        add(new Finding(Severity.WARNING, rule, message, at, where));
    }

    public void info(Rule rule, String message, long at, String where) {
        add(new Finding(Severity.INFO, rule, message, at, where));
    }

    /** @deprecated name the {@link Rule}, so the finding carries its source */
    @Deprecated
    public void violation(String rule, String message, long at, String where) {
        add(new Finding(Severity.VIOLATION, rule, message, at, where, ""));
    }

    /** @deprecated name the {@link Rule}, so the finding carries its source */
    @Deprecated
    public void warning(String rule, String message, long at, String where) {
        add(new Finding(Severity.WARNING, rule, message, at, where, ""));
    }

    /** @deprecated name the {@link Rule}, so the finding carries its source */
    @Deprecated
    public void info(String rule, String message, long at, String where) {
        add(new Finding(Severity.INFO, rule, message, at, where, ""));
    }

    public void add(Finding f) {
        Tally t = byRule.get(f.rule());
        if (t == null) {
            t = new Tally(f);
            byRule.put(f.rule(), t);
        }
        t.count++;
        if (f.severity().compareTo(t.worst) > 0) {
            t.worst = f.severity();
        }
        if (f.severity() == Severity.VIOLATION) {
            violations++;
        }
        if (t.count <= perRuleLimit) {
            kept.add(f);
        }
    }

    /** Adds every finding of another collector (e.g. the other thread's, after both have stopped). */
    public void addAll(Findings other) {
        addAll(other, "");
    }

    /**
     * As {@link #addAll(Findings)}, each finding placed inside {@code part} (its {@code where} prefixed, e.g.
     * {@code "cell 7: "} before {@code "session 12"}), for collectors of independent parts of one run.
     */
    public void addAll(Findings other, String part) {
        Map<String, Long> keptOf = new LinkedHashMap<>();
        for (Finding f : other.kept) {
            add(part.isEmpty() ? f
                    : new Finding(f.severity(), f.rule(), f.message(), f.at(), part + f.where(), f.source()));
            keptOf.merge(f.rule(), 1L, Long::sum);
        }
        for (Map.Entry<String, Tally> e : other.byRule.entrySet()) {
            long unseen = e.getValue().count - keptOf.getOrDefault(e.getKey(), 0L);
            if (unseen == 0) {
                continue;
            }
            Tally mine = byRule.get(e.getKey());
            if (mine == null) {
                mine = new Tally(e.getValue().first);
                byRule.put(e.getKey(), mine);
            }
            mine.count += unseen;
            if (e.getValue().worst.compareTo(mine.worst) > 0) {
                mine.worst = e.getValue().worst;
            }
            if (e.getValue().worst == Severity.VIOLATION) {
                violations += unseen;
            }
        }
    }

    /** Total violations, including those past the per-rule limit. */
    public long violations() {
        return violations;
    }

    /** How many times a rule was reported, including those past the limit. */
    public long count(String rule) {
        Tally t = byRule.get(rule);
        return t == null ? 0 : t.count;
    }

    public long count(Rule rule) {
        return count(rule.name());
    }

    public boolean isEmpty() {
        return byRule.isEmpty();
    }

    /** The kept findings (at most {@code perRuleLimit} per rule), in the order they were reported. */
    public List<Finding> list() {
        return List.copyOf(kept);
    }

    /** One tally per rule that reported anything, violations first, then by the time of the rule's first finding. */
    public List<RuleTally> tallies() {
        List<RuleTally> out = new ArrayList<>();
        byRule.forEach((name, t) -> out.add(new RuleTally(name, t.source, t.worst, t.count, t.first)));
        out.sort(Comparator.comparing((RuleTally r) -> r.worst()).reversed()
                .thenComparingLong(r -> r.first().at()));
        return out;
    }

    /** Tallies of a plain list of findings (when no collector is at hand). */
    public static List<RuleTally> tallies(List<Finding> findings) {
        Findings f = new Findings(0);
        findings.forEach(f::add);
        return f.tallies();
    }
}
