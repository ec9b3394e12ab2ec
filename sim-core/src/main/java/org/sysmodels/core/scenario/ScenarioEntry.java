package org.sysmodels.core.scenario;

/**
 * A packaged scenario a user can run by name ({@code --scenario NAME}), for {@code sim list} and help.
 *
 * @param deterministic false for a scenario that runs on real threads (its output varies run to run, honestly);
 *                      every other scenario gives byte-identical traces for the same seed, and a test holds that
 */
public record ScenarioEntry(String name, String description, boolean deterministic) {

    public ScenarioEntry(String name, String description) {
        this(name, description, true);
    }
}
