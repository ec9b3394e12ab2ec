package org.sysmodels.presence.scenario;

import org.sysmodels.core.scenario.ScenarioCatalog;

/** The packaged scenarios of {@code sim presence}. */
public final class PresenceScenarios {

    public static final ScenarioCatalog<PresenceScenario> CATALOG = new ScenarioCatalog<>(PresenceScenario.class)
            .add("demo", "/org/sysmodels/presence/scenario/demo.json",
                    "10,000 users, 20 friends, 200 guilds, 8 nodes, five minutes of churn (the default)")
            .add("churn", "/org/sysmodels/presence/scenario/churn.json",
                    "sessions live two minutes; half the disconnects drop and resume: replay and expiry at work")
            .add("slow-subscribers", "/org/sysmodels/presence/scenario/slow-subscribers.json",
                    "one session in five reads one message per 2 s: coalescing bounds the backlog")
            .add("large", "/org/sysmodels/presence/scenario/large.json",
                    "the target: 5 M users, 1-3 sessions, 20 friends, 100,000 guilds (needs -Xmx6g)");

    private PresenceScenarios() {
    }
}
