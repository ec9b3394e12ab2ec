package org.sysmodels.presence.gateway.protocol;

import java.util.List;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.PresenceUpdate;

/**
 * A client's payload after decoding and checking, or why it was refused ({@link Refused}: the close code and a
 * one-line reason). One record per opcode a client may send (gateway-events.mdx, "Send Events").
 */
public sealed interface ClientPayload {

    /** op 1: {@code d} is the last sequence number the client saw, or null. */
    record Heartbeat(Long lastSeq) implements ClientPayload {
    }

    /** op 2. {@code presence} may be null; {@code shard} is null or [id, num]. */
    record Identify(String token, Platform platform, long intents, int largeThreshold, int[] shard,
                    PresenceUpdate presence) implements ClientPayload {
    }

    /** op 3. */
    record UpdatePresence(PresenceUpdate update) implements ClientPayload {
    }

    /** op 6. */
    record Resume(String token, String sessionId, long seq) implements ClientPayload {
    }

    /** op 8: by user ids ({@code query} null; the list may be empty) or by a name prefix (limit 0 = all). */
    record RequestGuildMembers(String guildId, String query, int limit, boolean presences, List<String> userIds,
                               String nonce) implements ClientPayload {

        /** The most members a prefix query returns (discord-api-docs, gateway-events.mdx "Request Guild Members"). */
        public static final int PREFIX_MAX = 100;

        /**
         * The most members a {@code user_ids} request returns: "Requesting user_ids will continue to be limited to
         * returning 100 members" (gateway-events.mdx "Request Guild Members"), a limit on the answer, not a reason
         * to refuse the request.
         */
        public static final int USER_IDS_MAX = 100;

        /**
         * An empty query, whatever its limit: the docs' "(query=‘’, limit=0&lt;=n)", a request that lists members
         * without naming them, which needs GUILD_MEMBERS (gateway-events.mdx "Request Guild Members").
         */
        public boolean wholeList() {
            return query != null && query.isEmpty();
        }

        /**
         * How many members a query answer may hold: "a limit of 0 can be used with an empty string query to return
         * all members", and "requesting a prefix (query parameter) will return a maximum of 100 members", so a
         * prefix with limit 0 gets 100, not every match (discord-api-docs, gateway-events.mdx "Request Guild
         * Members").
         */
        public int queryCap() {
            if (query.isEmpty()) {
                return limit == 0 ? Integer.MAX_VALUE : limit;
            }
            return limit == 0 ? PREFIX_MAX : Math.min(limit, PREFIX_MAX);
        }
    }

    /** ops 4, 31, 43: valid Discord opcodes this presence service does not serve. */
    record NotServed(Opcode op) implements ClientPayload {
    }

    /** Refused: close with {@code code}; {@code reason} goes in the close frame (at most 123 bytes). */
    record Refused(CloseCode code, String reason) implements ClientPayload {
    }

    /**
     * An invalid op 2 or 6: {@code refused} on a connection that has not identified; on one that has, sending it
     * at all is 4005's fault ("You sent more than one identify payload", opcodes-and-status-codes.mdx), whatever
     * its body holds.
     */
    record RefusedStart(Refused refused) implements ClientPayload {
    }
}
