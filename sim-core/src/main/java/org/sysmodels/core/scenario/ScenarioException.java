package org.sysmodels.core.scenario;

import java.util.List;
import java.util.stream.Collectors;
import org.sysmodels.core.input.UserInputException;

/** A scenario file that cannot be used, with every {@link Problem} found, each naming its line and field. */
public final class ScenarioException extends UserInputException {

    private final List<Problem> problems;

    public ScenarioException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
