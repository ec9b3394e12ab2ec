package org.sysmodels.core.fault;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.input.UserInputException;

/** The faults a run injects, read the same way by every model. */
public record FaultPlan(List<Fault> faults) {

    private static final FaultPlan NONE = new FaultPlan(List.of());

    public FaultPlan {
        faults = faults == null ? List.of() : List.copyOf(faults);
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
