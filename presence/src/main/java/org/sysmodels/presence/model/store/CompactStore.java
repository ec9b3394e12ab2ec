package org.sysmodels.presence.model.store;

import java.util.Arrays;
import java.util.List;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.ClientStatus;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;

/**
 * The compact layout: the social graph as the {@link SocialGraph}'s int arrays (an edge costs 4 bytes, not an object
 * and a reference), sessions and published presences as parallel primitive arrays indexed by slot or user. Only
 * activities stay objects (a reference per session and per user, null when there are none). A user's sessions are a
 * singly linked list through each session record's link; closed slots form a free list through the same links.
 */
public final class CompactStore implements PresenceStore {

    private static final int OPEN = 0x80;

    private final SocialGraph graph;

    private final int[] userFirst;
    private final int[] pubView;       // status ordinal | client status << 3
    private final int[] pubVersion;
    private final long[] pubAt;
    private final Object[] pubActivities;

    /**
     * Per session slot, {@value #REC} ints side by side (16 bytes): the user, the next session of the same user (or
     * the next free slot), the node ({@code << 8}) with the meta byte (open bit | status ordinal << 2 | platform
     * ordinal), and the owner's word ({@link #ownerWord(int)}). The fan-out walks a watcher's sessions reading the
     * owner's word, the link and the node of each: one record, one cache line, where separate arrays cost a miss
     * each.
     */
    private int[] sessionRec;
    private static final int REC = 4;
    private static final int USER = 0;
    private static final int NEXT = 1;
    private static final int NODE_META = 2;
    private static final int OWNER = 3;
    private long[] sessionAt;
    private Object[] sessionActivities;
    private int capacity;
    private int freeHead = NONE;
    private int used;
    private int open;

    public CompactStore(SocialGraph graph) {
        this(graph, 16);
    }

    /** @param expectedSessions slots to allocate at once (the arrays double past it) */
    public CompactStore(SocialGraph graph, int expectedSessions) {
        this.graph = graph;
        int n = graph.users();
        userFirst = new int[n];
        Arrays.fill(userFirst, NONE);
        pubView = new int[n];
        Arrays.fill(pubView, Status.OFFLINE.ordinal());
        pubVersion = new int[n];
        pubAt = new long[n];
        pubActivities = new Object[n];
        int cap = Math.max(16, expectedSessions);
        sessionRec = new int[Math.multiplyExact(cap, REC)];
        sessionAt = new long[cap];
        sessionActivities = new Object[cap];
        capacity = cap;
    }

    @Override
    public int userCount() {
        return graph.users();
    }

    @Override
    public int friendCount(int user) {
        return graph.friendStart()[user + 1] - graph.friendStart()[user];
    }

    @Override
    public int friend(int user, int i) {
        return graph.friends()[graph.friendStart()[user] + i];
    }

    @Override
    public int guildCount() {
        return graph.guilds();
    }

    @Override
    public int membershipCount(int user) {
        return graph.guildStart()[user + 1] - graph.guildStart()[user];
    }

    @Override
    public int guildOf(int user, int i) {
        return graph.userGuilds()[graph.guildStart()[user] + i];
    }

    @Override
    public int memberCount(int guild) {
        return graph.memberStart()[guild + 1] - graph.memberStart()[guild];
    }

    @Override
    public int member(int guild, int i) {
        return graph.members()[graph.memberStart()[guild] + i];
    }

    @Override
    public int openSession(int user, Platform platform, int node) {
        if (node < 0 || node > Short.MAX_VALUE) {
            throw new IllegalArgumentException("node " + node + " is not 0 to " + Short.MAX_VALUE);
        }
        int s;
        if (freeHead != NONE) {
            s = freeHead;
            freeHead = sessionRec[s * REC + NEXT];
        } else {
            if (used == capacity) {
                grow();
            }
            s = used++;
        }
        int r = s * REC;
        sessionRec[r + USER] = user;
        sessionRec[r + NODE_META] = node << 8 | (OPEN | Status.OFFLINE.ordinal() << 2 | platform.ordinal());
        sessionRec[r + OWNER] = 0;
        sessionAt[s] = 0;
        sessionActivities[s] = null;
        sessionRec[r + NEXT] = userFirst[user];
        userFirst[user] = s;
        open++;
        return s;
    }

    private void grow() {
        int cap = capacity * 2;
        sessionRec = Arrays.copyOf(sessionRec, Math.multiplyExact(cap, REC));
        sessionAt = Arrays.copyOf(sessionAt, cap);
        sessionActivities = Arrays.copyOf(sessionActivities, cap);
        capacity = cap;
    }

    @Override
    public void closeSession(int session) {
        requireOpen(session);
        int r = session * REC;
        int u = sessionRec[r + USER];
        if (userFirst[u] == session) {
            userFirst[u] = sessionRec[r + NEXT];
        } else {
            int p = userFirst[u];
            while (sessionRec[p * REC + NEXT] != session) {
                p = sessionRec[p * REC + NEXT];
            }
            sessionRec[p * REC + NEXT] = sessionRec[r + NEXT];
        }
        sessionRec[r + NODE_META] &= ~0xFF;
        sessionRec[r + OWNER] = 0;
        sessionActivities[session] = null;
        sessionRec[r + NEXT] = freeHead;
        freeHead = session;
        open--;
    }

    private void requireOpen(int session) {
        if (!isOpen(session)) {
            throw new IllegalStateException("session " + session + " is not open");
        }
    }

    @Override
    public boolean isOpen(int session) {
        return session >= 0 && session < used && (sessionRec[session * REC + NODE_META] & OPEN) != 0;
    }

    @Override
    public int sessionCapacity() {
        return used;
    }

    @Override
    public int sessionCount() {
        return open;
    }

    @Override
    public int user(int session) {
        return sessionRec[session * REC + USER];
    }

    @Override
    public Platform platform(int session) {
        return Platform.ofOrdinal(sessionRec[session * REC + NODE_META] & 0x3);
    }

    @Override
    public int node(int session) {
        return sessionRec[session * REC + NODE_META] >> 8;
    }

    @Override
    public void moveSession(int session, int node) {
        requireOpen(session);
        int r = session * REC + NODE_META;
        sessionRec[r] = ((short) node) << 8 | (sessionRec[r] & 0xFF);
    }

    @Override
    public Status status(int session) {
        return Status.ofOrdinal((sessionRec[session * REC + NODE_META] >>> 2) & 0x7);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Activity> activities(int session) {
        Object a = sessionActivities[session];
        return a == null ? List.of() : (List<Activity>) a;
    }

    @Override
    public long updatedAt(int session) {
        return sessionAt[session];
    }

    @Override
    public void setPresence(int session, Status status, List<Activity> activities, long at) {
        requireOpen(session);
        int r = session * REC + NODE_META;
        sessionRec[r] = sessionRec[r] & ~0xFF | OPEN | status.ordinal() << 2 | (sessionRec[r] & 0x3);
        sessionActivities[session] = activities.isEmpty() ? null : activities;
        sessionAt[session] = at;
    }

    @Override
    public int firstSession(int user) {
        return userFirst[user];
    }

    @Override
    public int nextSession(int session) {
        return sessionRec[session * REC + NEXT];
    }

    @Override
    public int ownerWord(int session) {
        return sessionRec[session * REC + OWNER];
    }

    @Override
    public void ownerWord(int session, int word) {
        requireOpen(session);
        sessionRec[session * REC + OWNER] = word;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Presence published(int user) {
        int v = pubView[user];
        Object a = pubActivities[user];
        return new Presence(user, Status.ofOrdinal(v & 0x7), new ClientStatus(v >>> 3),
                a == null ? List.of() : (List<Activity>) a, Integer.toUnsignedLong(pubVersion[user]), pubAt[user]);
    }

    /** The published version of {@code user}, without building the presence. */
    public long publishedVersion(int user) {
        return Integer.toUnsignedLong(pubVersion[user]);
    }

    @Override
    public void publish(Presence p) {
        int u = p.user();
        pubView[u] = p.status().ordinal() | p.clientStatus().packed() << 3;
        pubVersion[u] = (int) p.version();
        pubAt[u] = p.at();
        pubActivities[u] = p.activities().isEmpty() ? null : p.activities();
    }
}
