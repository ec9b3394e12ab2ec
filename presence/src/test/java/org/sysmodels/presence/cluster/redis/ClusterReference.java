package org.sysmodels.presence.cluster.redis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sysmodels.presence.model.aggregate.StatusPrecedence;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.ClientStatus;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.PresenceView;
import org.sysmodels.presence.model.presence.Status;
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

    /** The aggregation rule by brute force; "set last" is command order. */
    static PresenceView refView(List<RefSession> all, int user) {
        List<RefSession> mine = all.stream().filter(s -> s.user == user && !s.ended).toList();
        if (mine.stream().anyMatch(s -> s.status == Status.INVISIBLE)) {
            return PresenceView.OFFLINE;
        }
        List<RefSession> visible = mine.stream().filter(s -> s.status.visible()).toList();
        if (visible.isEmpty()) {
            return PresenceView.OFFLINE;
        }
        ClientStatus cs = ClientStatus.NONE;
        for (Platform p : Platform.values()) {
            Status best = null;
            for (RefSession s : visible) {
                if (s.platform == p && (best == null || StatusPrecedence.rank(s.status) > StatusPrecedence.rank(best))) {
                    best = s.status;
                }
            }
            if (best != null) {
                cs = cs.with(p, best);
            }
        }
        Status overall = visible.stream().map(s -> s.status).max((a, b) -> StatusPrecedence.rank(a)
                - StatusPrecedence.rank(b)).orElseThrow();
        RefSession latest = visible.stream().max((a, b) -> Long.compare(a.order, b.order)).orElseThrow();
        return new PresenceView(overall, cs, latest.activities);
    }

    static Set<Integer> watched(SocialGraph g, int user, boolean guildIntent) {
        Set<Integer> out = new HashSet<>();
        for (int k = g.friendStart()[user]; k < g.friendStart()[user + 1]; k++) {
            out.add(g.friends()[k]);
        }
        if (guildIntent) {
            for (int k = g.guildStart()[user]; k < g.guildStart()[user + 1]; k++) {
                int guild = g.userGuilds()[k];
                for (int m = g.memberStart()[guild]; m < g.memberStart()[guild + 1]; m++) {
                    out.add(g.members()[m]);
                }
            }
        }
        out.remove(user);
        return out;
    }
}
