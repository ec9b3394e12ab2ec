package org.sysmodels.presence.gateway.protocol;

/**
 * Gateway intents (gateway.mdx, "Gateway Intents"): bits 0-16, 20, 21, 24 and 25 are defined; GUILD_PRESENCES
 * (1 &lt;&lt; 8) is privileged and needed to receive guild presences. Any other bit closes with 4013.
 */
public final class Intents {

    public static final int GUILDS = 1;
    public static final int GUILD_MEMBERS = 1 << 1;
    public static final int GUILD_PRESENCES = 1 << 8;

    /** Every bit the docs define: 0-16, 20, 21, 24, 25. */
    public static final int DEFINED = (1 << 17) - 1 | 1 << 20 | 1 << 21 | 1 << 24 | 1 << 25;

    private Intents() {
    }

    public static boolean valid(long intents) {
        return intents >= 0 && (intents & ~(long) DEFINED) == 0;
    }
}
