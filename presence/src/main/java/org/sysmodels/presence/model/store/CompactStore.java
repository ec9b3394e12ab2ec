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
 * singly linked list through {@code sessionNext}; closed slots form a free list through the same array.
 */
public final class CompactStore implements PresenceStore {

    private static final int OPEN = 0x80;

    private final SocialGraph graph;

    private final int[] userFirst;
    private final int[] pubView;       // status ordinal | client status << 3
    private final int[] pubVersion;
    private final long[] pubAt;
    private final Object[] pubActivities;

    private int[] sessionUser;
    private short[] sessionNode;
    private byte[] sessionMeta;        // open bit | status ordinal << 2 | platform ordinal
    private long[] sessionAt;
    private Object[] sessionActivities;
    private int[] sessionNext;         // next of the same user, or next free slot
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
        sessionUser = new int[cap];
        sessionNode = new short[cap];
        sessionMeta = new byte[cap];
        sessionAt = new long[cap];
        sessionActivities = new Object[cap];
        sessionNext = new int[cap];
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
            freeHead = sessionNext[s];
        } else {
            if (used == sessionUser.length) {
                grow();
            }
            s = used++;
        }
        sessionUser[s] = user;
        sessionNode[s] = (short) node;
        sessionMeta[s] = (byte) (OPEN | Status.OFFLINE.ordinal() << 2 | platform.ordinal());
        sessionAt[s] = 0;
        sessionActivities[s] = null;
        sessionNext[s] = userFirst[user];
        userFirst[user] = s;
        open++;
        return s;
    }

    private void grow() {
        int cap = sessionUser.length * 2;
        sessionUser = Arrays.copyOf(sessionUser, cap);
        sessionNode = Arrays.copyOf(sessionNode, cap);
        sessionMeta = Arrays.copyOf(sessionMeta, cap);
        sessionAt = Arrays.copyOf(sessionAt, cap);
        sessionActivities = Arrays.copyOf(sessionActivities, cap);
        sessionNext = Arrays.copyOf(sessionNext, cap);
    }

    @Override
    public void closeSession(int session) {
        requireOpen(session);
        int u = sessionUser[session];
        if (userFirst[u] == session) {
            userFirst[u] = sessionNext[session];
        } else {
            int p = userFirst[u];
            while (sessionNext[p] != session) {
                p = sessionNext[p];
            }
            sessionNext[p] = sessionNext[session];
        }
        sessionMeta[session] = 0;
        sessionActivities[session] = null;
        sessionNext[session] = freeHead;
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
        return session >= 0 && session < used && (sessionMeta[session] & OPEN) != 0;
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
        return sessionUser[session];
    }

    @Override
    public Platform platform(int session) {
        return Platform.ofOrdinal(sessionMeta[session] & 0x3);
    }

    @Override
    public int node(int session) {
        return sessionNode[session];
    }

    @Override
    public void moveSession(int session, int node) {
        requireOpen(session);
        sessionNode[session] = (short) node;
    }

    @Override
    public Status status(int session) {
        return Status.ofOrdinal((sessionMeta[session] >>> 2) & 0x7);
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
        sessionMeta[session] = (byte) (OPEN | status.ordinal() << 2 | (sessionMeta[session] & 0x3));
        sessionActivities[session] = activities.isEmpty() ? null : activities;
        sessionAt[session] = at;
    }

    @Override
    public int firstSession(int user) {
        return userFirst[user];
    }

    @Override
    public int nextSession(int session) {
        return sessionNext[session];
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
