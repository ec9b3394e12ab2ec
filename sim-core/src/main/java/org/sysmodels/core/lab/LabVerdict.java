package org.sysmodels.core.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.RuleTally;
import org.sysmodels.core.time.SimTime;

/**
 * How a bug lab ended: caught (its rule reported a violation) or missed (the bug went uncaught, so the lab itself
 * failed), the first violation of that rule, and the consequences (other rules broken because of the bug), each
 * counted once. {@link #lines()} is what the user reads first: the rule, where and when, the source's words, what the
 * buggy code did and the fix, then the consequences.
 */
public record LabVerdict(BugLab lab, boolean caught, Optional<RuleTally> own, List<RuleTally> consequences) {

    public LabVerdict {
        consequences = List.copyOf(consequences);
    }

    /** Judges a lab from a run's tallies (see {@link org.sysmodels.core.check.Findings#tallies()}). */
    public static LabVerdict judge(BugLab lab, List<RuleTally> tallies) {
        Optional<RuleTally> own = tallies.stream().filter(t -> t.rule().equals(lab.rule().name())).findFirst();
        boolean caught = own.isPresent() && own.get().violated();
        List<RuleTally> rest = new ArrayList<>();
        for (RuleTally t : tallies) {
            if (!t.rule().equals(lab.rule().name()) && t.violated()) {
                rest.add(t);
            }
        }
        return new LabVerdict(lab, caught, own.filter(RuleTally::violated), rest);
    }

    /** The lab's story, in reading order. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("bug lab " + lab.name() + ": " + lab.mistake());
        if (!lab.overrides().isEmpty()) {
            out.add("  set up for the lab: " + String.join(", ", lab.overrides()));
        }
        if (caught) {
            RuleTally t = own.orElseThrow();
            Finding f = t.first();
            out.add(String.format(Locale.ROOT, "  CAUGHT by rule %s at %s%s: %s", lab.rule().name(),
                    SimTime.format(f.at()), f.where().isEmpty() ? "" : " in " + f.where(), f.message()));
            out.add("  the rule: " + lab.rule().statement() + " (" + lab.rule().source() + ")");
            out.add("  the fix: " + lab.fix());
            out.add("  rule " + lab.rule().name() + " reported " + count(t.count(), "violation") + " in all");
        } else {
            out.add("  MISSED: the bug went uncaught: rule " + lab.rule().name() + ", which should have caught it, "
                    + "reported nothing on this run");
            out.add("  the rule: " + lab.rule().statement() + " (" + lab.rule().source() + ")");
        }
        if (!consequences.isEmpty()) {
            out.add("  what followed from the bug (other rules, each counted once):");
            for (RuleTally t : consequences) {
                out.add(String.format(Locale.ROOT, "    %s: %s, first at %s: %s", t.rule(),
                        count(t.count(), "violation"), SimTime.format(t.first().at()), t.first().message()));
            }
        }
        return out;
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
