package org.sysmodels.core.run;

import java.util.List;
import java.util.Optional;
import org.sysmodels.core.check.RuleTally;
import org.sysmodels.core.lab.LabVerdict;

/**
 * How a run ended, for its exit status (DESIGN.md: 0 ok, 1 a check or invariant failed) and the last line the user
 * reads. A bug lab's run exists to show its check catching the bug: caught is the finding the lab expects, and fails
 * the run as any broken rule does; missed is a failed check of the lab itself (the check that should have fired stayed
 * quiet), so it fails the run too and is never reported as success.
 */
public sealed interface RunOutcome {

    /** True when the run must not report success (exit status 1). */
    boolean failed();

    /** What the outcome means, in one line for the end of the output. */
    String line();

    /** Judges a run from its lab's verdict, if it was a lab, and its per-rule tallies. */
    static RunOutcome of(Optional<LabVerdict> lab, List<RuleTally> tallies) {
        if (lab.isPresent()) {
            return lab.get().caught() ? new LabCaught(lab.get()) : new LabMissed(lab.get());
        }
        List<RuleTally> violated = tallies.stream().filter(RuleTally::violated).toList();
        return violated.isEmpty() ? new Held() : new ChecksFailed(violated);
    }

    /** No rule reported a violation, and the run was not a bug lab. */
    record Held() implements RunOutcome {
        @Override
        public boolean failed() {
            return false;
        }

        @Override
        public String line() {
            return "every check held";
        }
    }

    /** One or more rules reported a violation. */
    record ChecksFailed(List<RuleTally> violated) implements RunOutcome {
        public ChecksFailed {
            violated = List.copyOf(violated);
        }

        @Override
        public boolean failed() {
            return true;
        }

        @Override
        public String line() {
            return "a check failed";
        }
    }

    /** A bug lab whose rule reported the bug, as the lab expects. */
    record LabCaught(LabVerdict verdict) implements RunOutcome {
        @Override
        public boolean failed() {
            return true;
        }

        @Override
        public String line() {
            return "the bug lab's check caught the bug";
        }
    }

    /** A bug lab whose rule stayed quiet: the bug went uncaught, so the lab itself failed. */
    record LabMissed(LabVerdict verdict) implements RunOutcome {
        @Override
        public boolean failed() {
            return true;
        }

        @Override
        public String line() {
            return "bug lab " + verdict.lab().name() + " FAILED: the bug went uncaught; rule "
                    + verdict.lab().rule().name() + ", the check that should have caught it, reported nothing"
                    + (verdict.consequences().isEmpty() ? "" : " (the other rules above saw what followed from it)");
        }
    }
}
