package org.sysmodels.presence.cluster.redis;

import org.sysmodels.presence.model.cluster.IntentBit;

/**
 * The flags byte of a session's state ({@link StateBytes}): the intents of its Identify that another node needs when
 * it holds a replica of the session or takes it over (intent values: discord-api-docs, gateway.mdx "Gateway
 * Intents"). Bit 1: GUILD_PRESENCES (1 &lt;&lt; 8), which decides the guild presences the session is sent. Bit 4: the
 * writer records GUILD_MEMBERS (1 &lt;&lt; 1), and then bit 2 is it; the whole member list (op 8 with an empty query)
 * needs it (gateway-events.mdx "Request Guild Members"). A writer from before bit 4 left bits 2 and 4 clear, so its
 * states read as "GUILD_MEMBERS unknown"; that needs no new layout version, as readers of version 2 look at bit 1
 * alone and no script looks at the flags.
 */
final class SessionFlags {

    static final int GUILD_PRESENCES = 1;
    static final int GUILD_MEMBERS = 2;
    static final int GUILD_MEMBERS_KNOWN = 4;

    private SessionFlags() {
    }

    static int of(boolean guildPresences, IntentBit guildMembers) {
        int f = guildPresences ? GUILD_PRESENCES : 0;
        return switch (guildMembers) {
            case SET -> f | GUILD_MEMBERS_KNOWN | GUILD_MEMBERS;
            case CLEAR -> f | GUILD_MEMBERS_KNOWN;
            case UNKNOWN -> f;
        };
    }

    static boolean guildPresences(int flags) {
        return (flags & GUILD_PRESENCES) != 0;
    }

    static IntentBit guildMembers(int flags) {
        return (flags & GUILD_MEMBERS_KNOWN) == 0 ? IntentBit.UNKNOWN : IntentBit.of((flags & GUILD_MEMBERS) != 0);
    }
}
