package org.sysmodels.presence.gateway.protocol;

/**
 * Discord's ids: an unsigned 64-bit integer, written as a string of decimal digits (discord-api-docs, Reference,
 * "Snowflakes"); clients read it as a number. The users file and the payloads that name users or guilds take only
 * these.
 */
public final class Snowflake {

    private Snowflake() {
    }

    /** Whether {@code text} is one: 1 to 20 ASCII digits, at most 2^64 - 1 ("abc", "-5", "+5" and 2^64 are not). */
    public static boolean is(String text) {
        if (text == null || text.isEmpty() || text.length() > 20 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        try {
            Long.parseUnsignedLong(text);
            return true;
        } catch (NumberFormatException beyond64Bits) {
            return false;
        }
    }
}
