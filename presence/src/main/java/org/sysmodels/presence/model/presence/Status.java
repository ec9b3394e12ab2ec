package org.sysmodels.presence.model.presence;

import java.util.Optional;

/**
 * A status a client may set, and (all but {@link #INVISIBLE}) one others may see. Wire names from Discord's
 * "Update Presence" status types (discord-api-docs, developers/events/gateway-events.mdx, "Status Types"): a client
 * may send all five; PRESENCE_UPDATE carries only online, idle, dnd or offline ("Presence Update Event Fields"),
 * because invisible is "shown as offline".
 */
public enum Status {
    ONLINE("online"),
    IDLE("idle"),
    DND("dnd"),
    INVISIBLE("invisible"),
    OFFLINE("offline");

    private static final Status[] VALUES = values();

    private final String wire;

    Status(String wire) {
        this.wire = wire;
    }

    /** The JSON string ("dnd"). */
    public String wire() {
        return wire;
    }

    /** True for the statuses another user may see on a platform: online, idle and dnd. */
    public boolean visible() {
        return this == ONLINE || this == IDLE || this == DND;
    }

    /** The status of a wire name, or empty for anything else. */
    public static Optional<Status> parse(String wire) {
        for (Status s : VALUES) {
            if (s.wire.equals(wire)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static Status ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
