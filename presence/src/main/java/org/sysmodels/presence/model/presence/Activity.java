package org.sysmodels.presence.model.presence;

import java.util.Objects;

/**
 * An activity as Update Presence sends it: a name and a type (0 Playing, 1 Streaming, 2 Listening, 3 Watching,
 * 4 Custom, 5 Competing; discord-api-docs, gateway-events.mdx, "Activity Types"). The model keeps the two fields a
 * presence service needs to fan out; the gateway refuses activities it cannot carry.
 */
public record Activity(String name, int type) {

    /** The largest activity type the docs define (5, Competing). */
    public static final int MAX_TYPE = 5;

    public Activity {
        Objects.requireNonNull(name, "name");
        if (type < 0 || type > MAX_TYPE) {
            throw new IllegalArgumentException("activity type " + type + " is not 0 to " + MAX_TYPE);
        }
    }
}
