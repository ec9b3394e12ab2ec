package org.sysmodels.presence.model.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;

/**
 * The plain layout: one object per user, guild and session, linked by references in {@code ArrayList}s, the way a
 * first Java version is usually written. Same behaviour as {@link CompactStore}; what the objects, headers, boxed
 * slots and references cost is what the memory benchmark measures.
 */
public final class ObjectStore implements PresenceStore {

    /** A user: its friends and guilds as object references, its open sessions, its published presence. */
    static final class User {
        final int id;
        final List<User> friends = new ArrayList<>();
        final List<Guild> guilds = new ArrayList<>();
        final List<Session> sessions = new ArrayList<>(2);
        Presence published;

        User(int id) {
            this.id = id;
            this.published = Presence.offline(id);
        }
    }

    /** A guild: its members. */
    static final class Guild {
        final int id;
        final List<User> members = new ArrayList<>();

        Guild(int id) {
            this.id = id;
        }
    }

    /** A session: whose, where, what it set. */
    static final class Session {
        final int slot;
        final User user;
        final Platform platform;
        int node;
        Status status = Status.OFFLINE;
        List<Activity> activities = List.of();
        long updatedAt;
        int ownerWord;

        Session(int slot, User user, Platform platform, int node) {
            this.slot = slot;
            this.user = user;
            this.platform = platform;
            this.node = node;
        }
    }

    private final List<User> users;
    private final List<Guild> guilds;
    private final List<Session> sessions = new ArrayList<>();
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private int open;

    public ObjectStore(SocialGraph graph) {
        users = new ArrayList<>(graph.users());
        for (int u = 0; u < graph.users(); u++) {
            users.add(new User(u));
        }
        guilds = new ArrayList<>(graph.guilds());
        for (int g = 0; g < graph.guilds(); g++) {
            guilds.add(new Guild(g));
        }
        for (int u = 0; u < graph.users(); u++) {
            User user = users.get(u);
            for (int k = graph.friendStart()[u]; k < graph.friendStart()[u + 1]; k++) {
                user.friends.add(users.get(graph.friends()[k]));
            }
            for (int k = graph.guildStart()[u]; k < graph.guildStart()[u + 1]; k++) {
                user.guilds.add(guilds.get(graph.userGuilds()[k]));
            }
        }
        for (int g = 0; g < graph.guilds(); g++) {
            Guild guild = guilds.get(g);
            for (int k = graph.memberStart()[g]; k < graph.memberStart()[g + 1]; k++) {
                guild.members.add(users.get(graph.members()[k]));
            }
        }
    }

    @Override
    public int userCount() {
        return users.size();
    }

    @Override
    public int friendCount(int user) {
        return users.get(user).friends.size();
    }

    @Override
    public int friend(int user, int i) {
        return users.get(user).friends.get(i).id;
    }

    @Override
    public int guildCount() {
        return guilds.size();
    }

    @Override
    public int membershipCount(int user) {
        return users.get(user).guilds.size();
    }

    @Override
    public int guildOf(int user, int i) {
        return users.get(user).guilds.get(i).id;
    }

    @Override
    public int memberCount(int guild) {
        return guilds.get(guild).members.size();
    }

    @Override
    public int member(int guild, int i) {
        return guilds.get(guild).members.get(i).id;
    }

    @Override
    public int openSession(int user, Platform platform, int node) {
        int slot = free.isEmpty() ? sessions.size() : free.pop();
        Session s = new Session(slot, users.get(user), platform, node);
        if (slot == sessions.size()) {
            sessions.add(s);
        } else {
            sessions.set(slot, s);
        }
        // newest first, as CompactStore links them
        s.user.sessions.add(0, s);
        open++;
        return slot;
    }

    @Override
    public void closeSession(int session) {
        Session s = session(session);
        s.user.sessions.remove(s);
        sessions.set(session, null);
        free.push(session);
        open--;
    }

    private Session session(int slot) {
        Session s = slot >= 0 && slot < sessions.size() ? sessions.get(slot) : null;
        if (s == null) {
            throw new IllegalStateException("session " + slot + " is not open");
        }
        return s;
    }

    @Override
    public boolean isOpen(int session) {
        return session >= 0 && session < sessions.size() && sessions.get(session) != null;
    }

    @Override
    public int sessionCapacity() {
        return sessions.size();
    }

    @Override
    public int sessionCount() {
        return open;
    }

    @Override
    public int user(int session) {
        return session(session).user.id;
    }

    @Override
    public Platform platform(int session) {
        return session(session).platform;
    }

    @Override
    public int node(int session) {
        return session(session).node;
    }

    @Override
    public void moveSession(int session, int node) {
        session(session).node = node;
    }

    @Override
    public Status status(int session) {
        return session(session).status;
    }

    @Override
    public List<Activity> activities(int session) {
        return session(session).activities;
    }

    @Override
    public long updatedAt(int session) {
        return session(session).updatedAt;
    }

    @Override
    public void setPresence(int session, Status status, List<Activity> activities, long at) {
        Session s = session(session);
        s.status = status;
        s.activities = activities;
        s.updatedAt = at;
    }

    @Override
    public int firstSession(int user) {
        List<Session> list = users.get(user).sessions;
        return list.isEmpty() ? NONE : list.get(0).slot;
    }

    @Override
    public int ownerWord(int session) {
        Session s = session >= 0 && session < sessions.size() ? sessions.get(session) : null;
        return s == null ? 0 : s.ownerWord;
    }

    @Override
    public void ownerWord(int session, int word) {
        session(session).ownerWord = word;
    }

    @Override
    public int nextSession(int session) {
        Session s = session(session);
        List<Session> list = s.user.sessions;
        int i = list.indexOf(s);
        return i + 1 < list.size() ? list.get(i + 1).slot : NONE;
    }

    @Override
    public Presence published(int user) {
        return users.get(user).published;
    }

    @Override
    public void publish(Presence presence) {
        users.get(presence.user()).published = presence;
    }
}
