package org.sysmodels.presence.scenario;

import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.scenario.ScenarioCatalog;
import org.sysmodels.core.scenario.ScenarioLoader;

/**
 * The packaged scenarios of {@code sim presence}. Each is small on purpose (well under a second of CPU): the suite
 * runs every packaged scenario twice in one JVM to hold determinism. The target run, {@code large} (5 M users, a
 * 6 GiB heap), is therefore not in the catalog; {@link #resolve} still finds it by name.
 */
public final class PresenceScenarios {

    /** The name of the target run that is kept out of the catalog. */
    public static final String LARGE = "large";
    private static final String LARGE_RESOURCE = "/org/sysmodels/presence/scenario/large.json";

    public static final ScenarioCatalog<PresenceScenario> CATALOG = new ScenarioCatalog<>(PresenceScenario.class)
            .add("demo", "/org/sysmodels/presence/scenario/demo.json",
                    "2,000 users, 20 friends, 40 guilds, 8 nodes, two minutes of churn")
            .add("churn", "/org/sysmodels/presence/scenario/churn.json",
                    "sessions live two minutes; half the disconnects drop and resume: replay and expiry at work")
            .add("slow-subscribers", "/org/sysmodels/presence/scenario/slow-subscribers.json",
                    "one session in five reads one message per 2 s: coalescing bounds the backlog");

    private PresenceScenarios() {
    }

    /** {@code --scenario X}: a file, a packaged scenario, or {@code large}; else an error listing the names. */
    public static PresenceScenario resolve(String nameOrPath) throws UserInputException {
        if (LARGE.equals(nameOrPath) && !java.nio.file.Files.exists(java.nio.file.Path.of(nameOrPath))) {
            return large();
        }
        try {
            return CATALOG.resolve(nameOrPath);
        } catch (UserInputException e) {
            if (e.getMessage().contains("packaged scenarios:")) {
                throw new UserInputException(e.getMessage() + "; and " + LARGE + " (5 M users, needs a 6 GiB heap)");
            }
            throw e;
        }
    }

    /** The target run: 5 M users with 1-3 sessions and 20 friends in 100,000 guilds (needs a 6 GiB heap). */
    public static PresenceScenario large() throws UserInputException {
        return ScenarioLoader.loadResource(LARGE_RESOURCE, PresenceScenario.class);
    }
}
