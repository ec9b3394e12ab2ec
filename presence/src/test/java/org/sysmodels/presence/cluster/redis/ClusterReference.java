package org.sysmodels.presence.cluster.redis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.PresenceView;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.ReferenceRules;
import org.sysmodels.presence.model.store.SocialGraph;

/** RedisClusterModelTest's reference: the world, the sessions as the test placed them, the aggregation rule. */
final class ClusterReference {

    static final int USERS = 6;

    private ClusterReference() {
    }

    /** Friends 0-1, 1-2, 2-3, 0-4; guild 0 = {0, 2, 5}, guild 1 = {1, 3, 5}. */
    static SocialGraph graph() {
        return SocialGraph.of(USERS, 2, new int[] {0, 1, 2, 0}, new int[] {1, 2, 3, 4}, 4,
                new int[] {0, 2, 5, 1, 3, 5}, new int[] {0, 0, 0, 1, 1, 1}, 6);
    }

    static final class RefSession {
        final int user;
        final Platform platform;
        final boolean guildIntent;
        final String id;
        Status status = Status.OFFLINE;
        List<Activity> activities = List.of();
        long order;
        boolean ended;
        /** Where the session is now (a move leaves the old placement until that node lets it go). */
        Placement at;

        RefSession(int user, Platform platform, boolean guildIntent, String id) {
            this.user = user;
            this.platform = platform;
            this.guildIntent = guildIntent;
            this.id = id;
        }
    }

    /** A session on one node: its slot there, and what it has been shown of each user it watches. */
    static final class Placement {
        final RefSession session;
        final int node;
        int slot;
        final Map<Integer, Presence> view = new HashMap<>();

        Placement(RefSession session, int node) {
            this.session = session;
            this.node = node;
        }
    }

    /** The aggregation rule over the user's live sessions; "set last" is command order. */
    static PresenceView refView(List<RefSession> all, int user) {
        return ReferenceRules.view(all.stream().filter(s -> s.user == user && !s.ended)
                .sorted((a, b) -> Long.compare(a.order, b.order))
                .map(s -> new ReferenceRules.Seen(s.status, s.platform, s.activities)).toList());
    }
}
