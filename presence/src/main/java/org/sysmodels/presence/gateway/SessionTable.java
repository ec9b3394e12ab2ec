package org.sysmodels.presence.gateway;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sessions this node carries, by the core's dense slot and by session_id, and which connection each is attached
 * to (engine thread only).
 */
final class SessionTable {

    /** Sessions by slot (the core's dense session index); null where this node carries none. */
    private GatewaySession[] bySlot = new GatewaySession[1024];
    private final Map<String, GatewaySession> bySessionId = new HashMap<>();

    GatewaySession get(int slot) {
        return slot >= 0 && slot < bySlot.length ? bySlot[slot] : null;
    }

    GatewaySession get(String sessionId) {
        return bySessionId.get(sessionId);
    }

    void put(GatewaySession s) {
        if (s.slot >= bySlot.length) {
            bySlot = Arrays.copyOf(bySlot, Math.max(s.slot + 1, bySlot.length * 2));
        }
        bySlot[s.slot] = s;
        bySessionId.put(s.sessionId, s);
    }

    /** Drops the session in {@code slot}; returns it (null if there was none). */
    GatewaySession remove(int slot) {
        GatewaySession s = get(slot);
        if (s != null) {
            bySlot[slot] = null;
            bySessionId.remove(s.sessionId);
        }
        return s;
    }

    /** The session {@code c} carries, if it is still attached to {@code c}. */
    GatewaySession attached(GatewayConnection c) {
        if (c.engineSlot < 0) {
            return null;
        }
        GatewaySession s = get(c.engineSlot);
        return s != null && s.conn == c ? s : null;
    }

    void forEach(Consumer<GatewaySession> action) {
        for (GatewaySession s : bySlot) {
            if (s != null) {
                action.accept(s);
            }
        }
    }
}
