package org.sysmodels.presence.scenario;

import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.scenario.ScenarioCatalog;

/**
 * The packaged scenarios of {@code sim presence}. The small ones take well under a second of CPU (the suite runs each
 * twice in one JVM to hold determinism); {@code large}, the target run (5 M users, a 6 GiB heap), is bench-sized, so
 * that test leaves it to {@code bench/run --long}.
 */
public final class PresenceScenarios {

    public static final ScenarioCatalog<PresenceScenario> CATALOG = new ScenarioCatalog<>(PresenceScenario.class)
            .add("demo", "/org/sysmodels/presence/scenario/demo.json",
                    "2,000 users, 20 friends, 40 guilds, 8 nodes, two minutes of churn")
            .add("churn", "/org/sysmodels/presence/scenario/churn.json",
                    "sessions live two minutes; half the disconnects drop and resume: replay and expiry at work")
            .add("slow-subscribers", "/org/sysmodels/presence/scenario/slow-subscribers.json",
                    "one session in five reads one message per 2 s: coalescing bounds the backlog")
            .addBenchSized("large", "/org/sysmodels/presence/scenario/large.json",
                    "the target: 5 M users, 1-3 sessions, 20 friends, 100,000 guilds, communities of 1,000 "
                    + "(needs -Xmx6g)");

    private PresenceScenarios() {
    }

    /**
     * The target run: 5 M users with 1-3 sessions and 20 friends in 100,000 guilds, in communities of 1,000 users
     * (needs a 6 GiB heap).
     */
    public static PresenceScenario large() throws UserInputException {
        return CATALOG.resolve("large");
    }
}
