package org.sysmodels.core.fault;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.input.UserInputException;

/** The faults a run injects, read the same way by every model. */
public record FaultPlan(List<Fault> faults) {

    private static final FaultPlan NONE = new FaultPlan(List.of());

    /** The most faults one plan may list: a hand-written scenario needs far fewer; campaigns run one plan per run. */
    public static final int MAX_FAULTS = 10_000;

    public FaultPlan {
        faults = faults == null ? List.of() : List.copyOf(faults);
        check(faults);
    }

    /**
     * Refuses a list longer than {@link #MAX_FAULTS}. Call it in a scenario record's compact constructor, so the
     * loader reports the problem at the {@code faults} field.
     */
    public static void check(List<Fault> faults) {
        if (faults != null && faults.size() > MAX_FAULTS) {
            throw new InvalidFieldException("faults", faults.size() + " faults planned; a plan may list at most "
                    + MAX_FAULTS + " (use probability and count to make one entry fire many times)");
        }
    }

    public static FaultPlan none() {
        return NONE;
    }

    public static FaultPlan of(Fault... faults) {
        return new FaultPlan(List.of(faults));
    }

    /** Rejects kinds the model does not know, listing the ones it does. */
    public void requireKnownKinds(Set<String> known, String where) throws UserInputException {
        for (int i = 0; i < faults.size(); i++) {
            String kind = faults.get(i).kind();
            if (!known.contains(kind)) {
                throw new UserInputException(where + ": faults[" + i + "].kind: unknown fault kind \"" + kind
                        + "\"; this system knows: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** An injector for one run, drawing its coin flips from the run's random streams. */
    public FaultInjector injector(RandomStreams random) {
        return new FaultInjector(this, random);
    }
}
