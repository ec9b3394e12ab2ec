package org.sysmodels.presence.model.presence;

import java.util.List;
import java.util.Objects;

/**
 * What others are shown of a user at one moment: the aggregated status (never invisible), the status per platform
 * and the activities, without a version. An {@link org.sysmodels.presence.model.aggregate.Aggregator} computes it
 * from the user's sessions; a {@link Presence} is a published, versioned view.
 */
public record PresenceView(Status status, ClientStatus clientStatus, List<Activity> activities) {

    public static final PresenceView OFFLINE = new PresenceView(Status.OFFLINE, ClientStatus.NONE, List.of());

    public PresenceView {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(clientStatus, "clientStatus");
        activities = List.copyOf(activities);
    }
}
