package org.sysmodels.presence.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sysmodels.presence.gateway.protocol.ClientPayload;
import org.sysmodels.presence.gateway.protocol.Payloads;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.model.cluster.ClusterBackend;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * The state a session starts from: READY (gateway-events.mdx "Ready": v, user, guilds, session_id,
 * resume_gateway_url, application; plus, as Discord sends user accounts, relationships and the presences of friends
 * who are not offline), one GUILD_CREATE per guild (members and presences; "if a guild has over large_threshold
 * members, it will only send members who are online", "Request Guild Members"), and GUILD_MEMBERS_CHUNK answers to
 * op 8. Every presence shown comes from the published presence, so an invisible user appears only as offline (and
 * offline presences are left out).
 */
final class Snapshots {

    private Snapshots() {
    }

    static void ready(JsonGenerator g, UserDirectory users, ClusterBackend core, GatewaySession e,
                      String resumeUrl) throws IOException {
        PresenceStore store = core.store();
        g.writeStartObject();
        g.writeNumberField("v", 10);
        g.writeObjectFieldStart("user");
        g.writeStringField("id", users.userId(e.user));
        g.writeStringField("username", users.name(e.user));
        g.writeEndObject();
        g.writeArrayFieldStart("guilds");
        for (int k = 0, n = store.membershipCount(e.user); k < n; k++) {
            g.writeStartObject();
            g.writeStringField("id", users.guildId(store.guildOf(e.user, k)));
            g.writeBooleanField("unavailable", true);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("session_id", e.sessionId);
        g.writeStringField("resume_gateway_url", resumeUrl);
        g.writeObjectFieldStart("application");
        g.writeStringField("id", "0");
        g.writeNumberField("flags", 0);
        g.writeEndObject();
        g.writeArrayFieldStart("relationships");
        for (int k = 0, n = store.friendCount(e.user); k < n; k++) {
            int f = store.friend(e.user, k);
            g.writeStartObject();
            g.writeStringField("id", users.userId(f));
            g.writeNumberField("type", 1);
            user(g, users, f);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("presences");
        for (int k = 0, n = store.friendCount(e.user); k < n; k++) {
            Presence p = core.presence(store.friend(e.user, k));
            if (p.status() != Status.OFFLINE) {
                Payloads.presence(g, p, users.userId(p.user()), null);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void user(JsonGenerator g, UserDirectory users, int u) throws IOException {
        g.writeObjectFieldStart("user");
        g.writeStringField("id", users.userId(u));
        g.writeStringField("username", users.name(u));
        g.writeEndObject();
    }

    static void guildCreate(JsonGenerator g, UserDirectory users, ClusterBackend core, GatewaySession e,
                            int guild) throws IOException {
        PresenceStore store = core.store();
        int count = store.memberCount(guild);
        boolean large = count > e.largeThreshold;
        g.writeStartObject();
        g.writeStringField("id", users.guildId(guild));
        g.writeStringField("name", users.guildName(guild));
        g.writeNumberField("member_count", count);
        g.writeBooleanField("large", large);
        g.writeArrayFieldStart("members");
        for (int k = 0; k < count; k++) {
            int m = store.member(guild, k);
            if (!large || m == e.user || core.presence(m).status() != Status.OFFLINE) {
                g.writeStartObject();
                user(g, users, m);
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("presences");
        if (e.guildPresences) {
            for (int k = 0; k < count; k++) {
                int m = store.member(guild, k);
                Presence p = core.presence(m);
                if (m != e.user && p.status() != Status.OFFLINE) {
                    Payloads.presence(g, p, users.userId(m), users.guildId(guild));
                }
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Who a session of {@code user} watches: each friend (via -1), then each guild member once (via the guild). */
    static void watched(PresenceStore store, int user, boolean guildPresences, java.util.function.BiConsumer<Integer,
            Integer> out) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        seen.add(user);
        for (int k = 0, n = store.friendCount(user); k < n; k++) {
            int f = store.friend(user, k);
            if (seen.add(f)) {
                out.accept(f, -1);
            }
        }
        if (!guildPresences) {
            return;
        }
        for (int k = 0, n = store.membershipCount(user); k < n; k++) {
            int g = store.guildOf(user, k);
            for (int i = 0, m = store.memberCount(g); i < m; i++) {
                int member = store.member(g, i);
                if (seen.add(member)) {
                    out.accept(member, g);
                }
            }
        }
    }

    /**
     * GUILD_MEMBERS_CHUNK events (up to 1000 members each) answering op 8. Of {@code user_ids} the first 100 that are
     * members are returned ("limited to returning 100 members"); every id that is not one is in {@code not_found}.
     */
    static List<String> memberChunks(UserDirectory users, ClusterBackend core, GatewaySession e,
                                     ClientPayload.RequestGuildMembers m) {
        PresenceStore store = core.store();
        Integer guild = users.guildById(m.guildId()).orElse(null);
        List<Integer> found = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        boolean member = false;
        if (guild != null) {
            for (int k = 0; k < store.memberCount(guild); k++) {
                member |= store.member(guild, k) == e.user;
            }
        }
        if (guild != null && member) {
            if (m.query() == null) {
                for (String id : m.userIds()) {
                    Integer u = users.userById(id).orElse(null);
                    boolean in = false;
                    if (u != null) {
                        for (int k = 0; k < store.memberCount(guild); k++) {
                            in |= store.member(guild, k) == u;
                        }
                    }
                    if (!in) {
                        notFound.add(id);
                    } else if (found.size() < ClientPayload.RequestGuildMembers.USER_IDS_MAX) {
                        found.add(u);
                    }
                }
            } else {
                int limit = m.queryCap();
                for (int k = 0; k < store.memberCount(guild) && found.size() < limit; k++) {
                    int u = store.member(guild, k);
                    if (users.name(u).startsWith(m.query())) {
                        found.add(u);
                    }
                }
            }
        }
        boolean presences = m.presences() && e.guildPresences;
        int chunks = Math.max(1, (found.size() + 999) / 1000);
        List<String> out = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            List<Integer> part = found.subList(c * 1000, Math.min(found.size(), (c + 1) * 1000));
            int index = c;
            out.add(Payloads.dispatch(e.subscriber.nextSeq(), "GUILD_MEMBERS_CHUNK", g -> {
                g.writeStartObject();
                g.writeStringField("guild_id", m.guildId());
                g.writeArrayFieldStart("members");
                for (int u : part) {
                    g.writeStartObject();
                    user(g, users, u);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeNumberField("chunk_index", index);
                g.writeNumberField("chunk_count", chunks);
                if (index == 0 && !notFound.isEmpty()) {
                    g.writeArrayFieldStart("not_found");
                    for (String id : notFound) {
                        g.writeString(id);
                    }
                    g.writeEndArray();
                }
                if (presences) {
                    g.writeArrayFieldStart("presences");
                    for (int u : part) {
                        Presence p = core.presence(u);
                        if (p.status() != Status.OFFLINE) {
                            Payloads.presence(g, p, users.userId(u), m.guildId());
                        }
                    }
                    g.writeEndArray();
                }
                if (m.nonce() != null) {
                    g.writeStringField("nonce", m.nonce());
                }
                g.writeEndObject();
            }));
        }
        return out;
    }
}
