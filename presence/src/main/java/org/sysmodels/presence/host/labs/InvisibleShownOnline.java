package org.sysmodels.presence.host.labs;

import org.sysmodels.presence.model.aggregate.Aggregator;
import org.sysmodels.presence.model.aggregate.StatusPrecedence;
import org.sysmodels.presence.model.presence.ClientStatus;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.PresenceView;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * Bug lab "invisible-leak": the aggregation skips a session that set invisible as if it were merely not there,
 * instead of letting invisible hide the user everywhere. A user who went invisible on the desktop while a phone
 * session still says online is shown online, which is exactly what invisible promises never to do. (The same loop as
 * {@link StatusPrecedence}, with its first rule dropped.)
 */
public final class InvisibleShownOnline implements Aggregator {

    @Override
    public PresenceView view(PresenceStore store, int user) {
        ClientStatus cs = ClientStatus.NONE;
        Status best = Status.OFFLINE;
        for (int s = store.firstSession(user); s != PresenceStore.NONE; s = store.nextSession(s)) {
            Status st = store.status(s);
            if (!st.visible()) {
                continue;   // the mistake: an invisible session is skipped, so the others still show the user
            }
            Platform p = store.platform(s);
            if (StatusPrecedence.rank(st) > StatusPrecedence.rank(cs.get(p).orElse(Status.OFFLINE))) {
                cs = cs.with(p, st);
            }
            if (StatusPrecedence.rank(st) > StatusPrecedence.rank(best)) {
                best = st;
            }
        }
        return best == Status.OFFLINE ? PresenceView.OFFLINE
                : new PresenceView(best, cs, java.util.List.of());
    }
}
