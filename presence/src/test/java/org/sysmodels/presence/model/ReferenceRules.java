package org.sysmodels.presence.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sysmodels.presence.model.aggregate.StatusPrecedence;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.ClientStatus;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.PresenceView;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.store.SocialGraph;

/**
 * The model's rules written out by brute force, for the model-based tests of the core and of the Redis cluster: how
 * a user's sessions aggregate into what others see, and whose presence a session watches.
 */
public final class ReferenceRules {

    /** One live session as a reference sees it. */
    public record Seen(Status status, Platform platform, List<Activity> activities) {
    }

    private ReferenceRules() {
    }

    /**
     * What others see of a user whose live sessions are {@code live}, ordered by when each last changed (the last one
     * is the latest): offline if any is invisible or none is visible; otherwise the highest status, per platform the
     * highest status there, and the latest visible session's activities.
     */
    public static PresenceView view(List<Seen> live) {
        if (live.stream().anyMatch(s -> s.status() == Status.INVISIBLE)) {
            return PresenceView.OFFLINE;
        }
        List<Seen> visible = live.stream().filter(s -> s.status().visible()).toList();
        if (visible.isEmpty()) {
            return PresenceView.OFFLINE;
        }
        ClientStatus cs = ClientStatus.NONE;
        for (Platform p : Platform.values()) {
            Status best = null;
            for (Seen s : visible) {
                if (s.platform() == p && (best == null || StatusPrecedence.rank(s.status()) > StatusPrecedence.rank(best))) {
                    best = s.status();
                }
            }
            if (best != null) {
                cs = cs.with(p, best);
            }
        }
        Status overall = visible.stream().map(Seen::status)
                .max((a, b) -> StatusPrecedence.rank(a) - StatusPrecedence.rank(b)).orElseThrow();
        return new PresenceView(overall, cs, visible.get(visible.size() - 1).activities());
    }

    /** The users whose presence a session of {@code user} receives: friends, and guild members with the intent. */
    public static Set<Integer> watched(SocialGraph g, int user, boolean guildIntent) {
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
