package org.sysmodels.presence.check;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.presence.model.presence.ClientStatus;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.session.Phase;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * After churn stops, every observer sees every watched user's true presence. The check keeps the whole view of a
 * sample of sessions (what their snapshot showed, then each dispatch) and, at the end, compares it with the truth
 * recomputed by brute force from the users' open sessions (invisible anywhere → offline; else per platform and
 * overall the strongest of dnd, online, idle).
 */
public final class Convergence implements PresenceCheck {

    public static final Rule RULE = new Rule("convergence", "once changes stop, every observer's view of every "
            + "user it watches equals that user's true aggregated presence", "eventual delivery of watch semantics "
            + "(tokio::sync::watch: the latest value is always seen); the model's aggregation rule (docs/presence.md)");

    private final Findings findings;
    private final IntFunction<PresenceStore> truth;
    private final java.util.function.IntPredicate sampled;
    private final Map<Integer, Map<Integer, Presence>> views = new HashMap<>();
    private int compared;

    /** @param store read at the end only, for the users' open sessions */
    public Convergence(Findings findings, PresenceStore store, java.util.function.IntPredicate sampled) {
        this(findings, user -> store, sampled);
    }

    /**
     * For a simulation split into shards: {@code truth} gives the store that holds a user's sessions (its own
     * shard's), read at the end only, when every shard has stopped.
     */
    public Convergence(Findings findings, IntFunction<PresenceStore> truth, java.util.function.IntPredicate sampled) {
        this.findings = findings;
        this.truth = truth;
        this.sampled = sampled;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void snapshot(int session, Presence p, long at) {
        if (sampled.test(session)) {
            views.computeIfAbsent(session, k -> new HashMap<>()).put(p.user(), p);
        }
    }

    @Override
    public void sessionOpened(int session, int user, Platform platform, int node, long at) {
        views.remove(session);
    }

    @Override
    public void phaseChanged(int session, int user, Phase from, Phase to, long at) {
        if (to == Phase.ENDED) {
            views.remove(session);
        }
    }

    @Override
    public void dispatched(int session, long seq, Presence presence, long at) {
        if (!sampled.test(session)) {
            return;
        }
        Map<Integer, Presence> view = views.get(session);
        if (view != null) {
            view.put(presence.user(), presence);
        }
    }

    /** How many (observer, user) pairs were compared at the end. */
    public int compared() {
        return compared;
    }

    public int observers() {
        return views.size();
    }

    @Override
    public void finish(long now, Findings f) {
        compared = 0;
        for (Map.Entry<Integer, Map<Integer, Presence>> e : views.entrySet()) {
            for (Presence seen : e.getValue().values()) {
                compared++;
                Status status = Status.OFFLINE;
                ClientStatus cs = ClientStatus.NONE;
                boolean hidden = false;
                PresenceStore store = truth.apply(seen.user());
                for (int s = store.firstSession(seen.user()); s != PresenceStore.NONE; s = store.nextSession(s)) {
                    Status st = store.status(s);
                    hidden |= st == Status.INVISIBLE;
                    if (st.visible()) {
                        Status there = cs.get(store.platform(s)).orElse(Status.OFFLINE);
                        if (strength(st) > strength(there)) {
                            cs = cs.with(store.platform(s), st);
                        }
                        status = strength(st) > strength(status) ? st : status;
                    }
                }
                if (hidden) {
                    status = Status.OFFLINE;
                    cs = ClientStatus.NONE;
                }
                if (seen.status() != status || !seen.clientStatus().equals(cs)) {
                    f.violation(RULE, "session " + e.getKey() + " shows user " + seen.user() + " as "
                            + seen.status().wire() + " " + seen.clientStatus() + " but the user is "
                            + status.wire() + " " + cs, now, "session " + e.getKey());
                }
            }
        }
    }

    private static int strength(Status s) {
        return s == Status.DND ? 3 : s == Status.ONLINE ? 2 : s == Status.IDLE ? 1 : 0;
    }
}
