package org.sysmodels.core.scenario;

/**
 * A packaged scenario a user can run by name ({@code --scenario NAME}), for {@code sim list} and help.
 *
 * @param deterministic false for a scenario that runs on real threads (its output varies run to run, honestly);
 *                      every other scenario gives byte-identical traces for the same seed, and a test holds that
 * @param benchSized    true for a scenario sized for {@code bench/run --long} (minutes of CPU or gigabytes of heap):
 *                      the test suite does not run it; a smaller packaged scenario of the same system covers its code
 */
public record ScenarioEntry(String name, String description, boolean deterministic, boolean benchSized) {

    public ScenarioEntry(String name, String description, boolean deterministic) {
        this(name, description, deterministic, false);
    }

    public ScenarioEntry(String name, String description) {
        this(name, description, true, false);
    }
}
