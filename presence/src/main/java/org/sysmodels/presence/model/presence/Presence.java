package org.sysmodels.presence.model.presence;

import java.util.List;
import java.util.Objects;

/**
 * What others see of a user: the aggregated status (online, idle, dnd or offline, never invisible), the status per
 * platform, the activities, and a version that grows by one each time any of them changes, so a subscriber can tell a
 * newer presence from an older one ({@code at} is when it was published, virtual ns or wall ns in the gateway).
 */
public record Presence(int user, Status status, ClientStatus clientStatus, List<Activity> activities, long version,
                       long at) {

    public Presence {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(clientStatus, "clientStatus");
        activities = List.copyOf(activities);
        if (status == Status.INVISIBLE) {
            throw new IllegalArgumentException("a published presence is never invisible: invisible shows as offline");
        }
    }

    /** The presence of a user nobody has seen yet: offline, version 0. */
    public static Presence offline(int user) {
        return new Presence(user, Status.OFFLINE, ClientStatus.NONE, List.of(), 0, 0);
    }

    /** What others see (status, platforms, activities), without version and time. */
    public PresenceView view() {
        return new PresenceView(status, clientStatus, activities);
    }

    /** True when this presence shows exactly {@code v}. */
    public boolean shows(PresenceView v) {
        return status == v.status() && clientStatus.equals(v.clientStatus()) && same(activities, v.activities());
    }

    /** {@code a.equals(b)} for lists, by index: an immutable list's {@code equals} makes an iterator per call. */
    private static boolean same(List<Activity> a, List<Activity> b) {
        int n = a.size();
        if (n != b.size()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!Objects.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The next version of this user's presence, showing {@code view}, published at {@code now}. */
    public Presence next(PresenceView view, long now) {
        return new Presence(user, view.status(), view.clientStatus(), view.activities(), version + 1, now);
    }
}
