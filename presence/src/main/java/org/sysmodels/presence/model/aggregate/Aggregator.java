package org.sysmodels.presence.model.aggregate;

import org.sysmodels.presence.model.presence.PresenceView;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * Turns a user's open sessions into the one presence others see. Discord's docs define the per-platform
 * {@code client_status} but not how sessions combine into the overall status (discord-api-docs, gateway-events.mdx,
 * "Client Status Object"), so the rule is this model's own: {@link StatusPrecedence}.
 */
public interface Aggregator {

    /** What others should see of {@code user} now. */
    PresenceView view(PresenceStore store, int user);
}
