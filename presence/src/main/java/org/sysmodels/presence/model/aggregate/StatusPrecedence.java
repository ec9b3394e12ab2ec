package org.sysmodels.presence.model.aggregate;

import java.util.List;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.ClientStatus;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.PresenceView;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * The model's aggregation rule (its own: Discord's docs do not define one):
 * <ol>
 *   <li><b>invisible wins</b>: if any open session of the user set invisible, others see offline on every platform,
 *       with no activities ("Invisible and shown as offline", gateway-events.mdx "Status Types"; a user who hides on
 *       one device is hidden everywhere, so no other device can leak them);
 *   <li>otherwise each platform shows the strongest status among its sessions, <b>dnd &gt; online &gt; idle</b>
 *       (dnd is an explicit request; idle is shown only when every session there is idle); sessions still offline
 *       (not yet set) show nothing;
 *   <li>the overall status is the strongest over the platforms, offline when none shows anything;
 *   <li>the activities are those of the visible session that set its presence last (ties: the lower slot).
 * </ol>
 */
public final class StatusPrecedence implements Aggregator {

    /** Strength of a visible status: dnd 3, online 2, idle 1; 0 for offline and invisible. */
    public static int rank(Status s) {
        return switch (s) {
            case DND -> 3;
            case ONLINE -> 2;
            case IDLE -> 1;
            case INVISIBLE, OFFLINE -> 0;
        };
    }

    @Override
    public PresenceView view(PresenceStore store, int user) {
        int first = store.firstSession(user);
        if (first == PresenceStore.NONE) {
            return PresenceView.OFFLINE;
        }
        ClientStatus cs = ClientStatus.NONE;
        Status best = Status.OFFLINE;
        List<Activity> activities = List.of();
        long latest = Long.MIN_VALUE;
        int latestSlot = Integer.MAX_VALUE;
        for (int s = first; s != PresenceStore.NONE; s = store.nextSession(s)) {
            Status st = store.status(s);
            if (st == Status.INVISIBLE) {
                return PresenceView.OFFLINE;
            }
            if (!st.visible()) {
                continue;
            }
            Platform p = store.platform(s);
            Status there = cs.get(p).orElse(Status.OFFLINE);
            if (rank(st) > rank(there)) {
                cs = cs.with(p, st);
            }
            if (rank(st) > rank(best)) {
                best = st;
            }
            long at = store.updatedAt(s);
            if (at > latest || (at == latest && s < latestSlot)) {
                latest = at;
                latestSlot = s;
                activities = store.activities(s);
            }
        }
        return best == Status.OFFLINE ? PresenceView.OFFLINE : new PresenceView(best, cs, activities);
    }
}
