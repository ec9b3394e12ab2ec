package org.sysmodels.presence.model.presence;

import java.util.List;
import java.util.Objects;

/**
 * What a session asks for with Update Presence (op 3) or the {@code presence} of Identify: {@code since} (Unix ms
 * when the client went idle, or null), activities, status and afk (discord-api-docs, gateway-events.mdx, "Gateway
 * Presence Update Structure"). A session may set any of the five statuses, invisible included.
 */
public record PresenceUpdate(Long since, List<Activity> activities, Status status, boolean afk) {

    public PresenceUpdate {
        Objects.requireNonNull(status, "status");
        activities = List.copyOf(activities);
    }

    public static PresenceUpdate of(Status status) {
        return new PresenceUpdate(null, List.of(), status, false);
    }

    public static PresenceUpdate of(Status status, Activity activity) {
        return new PresenceUpdate(null, List.of(activity), status, false);
    }
}
