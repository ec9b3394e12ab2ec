package org.sysmodels.presence.scenario;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.sysmodels.core.scenario.DurationDeserializer;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;
import org.sysmodels.core.time.SimTime;

/**
 * A simulated presence cluster and its users' behaviour. Durations are strings with a unit ("30s", "250ms"); a
 * missing field takes the default below. In a file, e.g.:
 * <pre>{@code {"users": 20000, "friends": 20, "guilds": 400, "duration": "600s", "slowFraction": 0.05}}</pre>
 *
 * @param users            simulated users, each online with 1 to {@code maxSessions} sessions
 * @param friends          mean friends per user (friendship is mutual)
 * @param guilds           guilds; each user joins 1 to {@code guildsPerUser} of them
 * @param guildsPerUser    the most guilds a user joins
 * @param guildSkew        how unequal guild sizes are (1 = uniform; larger = a few big guilds)
 * @param maxSessions      sessions per user, 1 to this (desktop, mobile, web)
 * @param nodes            gateway nodes the sessions are spread over
 * @param heartbeatInterval Hello's heartbeat_interval
 * @param resumeWindow     how long a lost session stays resumable
 * @param changeEvery      mean time between one session's status changes (exponential)
 * @param idleAfter        a session that changed nothing for this long goes idle by itself
 * @param sessionLife      mean time a session stays connected before it disconnects (exponential)
 * @param dropFraction     share of disconnects that drop the connection (the rest close with 1000)
 * @param resumeAfter      mean time a dropped client takes to come back and resume
 * @param neverBackFraction share of dropped clients that never come back (their session expires)
 * @param link             one-way client ↔ gateway delay
 * @param backbone         gateway ↔ presence-cluster delay (mean): each message takes {@code backboneMin} plus a
 *                         uniform draw from 0 to {@code 2 × (backbone − backboneMin)}
 * @param slowFraction     share of sessions whose connection takes only one write per {@code slowWriteEvery}
 * @param slowWriteEvery   how long a slow connection needs per write
 * @param duration         simulated time with churn; the run then settles until every session is resolved
 * @param sampled          observer sessions whose whole view is kept (convergence check, trace tracks)
 * @param replay           dispatches kept per session for Resume
 * @param store            "compact" (primitive arrays) or "object" (an object per entity)
 * @param backboneMin      the least a backbone message takes (default 0: uniform from 0 to twice {@code backbone},
 *                         as before this field existed). A run split into shards ({@code --shards N}) needs it above
 *                         0: it is the lookahead that lets the shards run a window of that length side by side
 *                         (conservative parallel simulation; Chandy and Misra, "Distributed Simulation", 1979)
 * @param community        0: friends and guilds are drawn from all users (a uniform random graph); N: users live
 *                         in communities of N consecutive ids and draw friends and guilds inside their own (the
 *                         generator's choice of locality, see {@code WorldBuilder}); at most {@code users}, since a
 *                         community bigger than the world would silently be the uniform graph
 * @param cell             0: one world; N: the world runs as independent cells of N users (whole communities), each
 *                         its own presence cluster with its own scheduler, run in turn on the run's threads (see
 *                         {@code run/Cells}): the same kind of world, run so that one cell's state stays in the cache
 *                         (it needs at least as many guilds as communities: {@link #cellsCutGuilds})
 */
public record PresenceScenario(
        @Range(min = 2, max = 50_000_000) Integer users,
        @Range(min = 0, max = 1000) Integer friends,
        @Range(min = 1, max = PresenceScenario.MAX_GUILDS) Integer guilds,
        @Range(min = 0, max = 100) Integer guildsPerUser,
        @Range(min = 1, max = 10) Double guildSkew,
        @Range(min = 1, max = 3) Integer maxSessions,
        @Range(min = 1, max = 1024) Integer nodes,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1e6, max = 3.6e12) Long heartbeatInterval,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 3.6e12) Long resumeWindow,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1e6, max = 8.64e13) Long changeEvery,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1e6, max = 8.64e13) Long idleAfter,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1e6, max = 8.64e14) Long sessionLife,
        @Range(min = 0, max = 1) Double dropFraction,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 3.6e12) Long resumeAfter,
        @Range(min = 0, max = 1) Double neverBackFraction,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e10) Long link,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e10) Long backbone,
        @Range(min = 0, max = 1) Double slowFraction,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1e3, max = 6e10) Long slowWriteEvery,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1e9, max = 8.64e13) Long duration,
        @Range(min = 0, max = 100_000) Integer sampled,
        @Range(min = 1, max = 1_000_000) Integer replay,
        String store,
        @Range(min = 0, max = 50_000_000) Integer community,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e10) Long backboneMin,
        @Range(min = 0, max = 50_000_000) Integer cell) {

    /** The most guilds a world may have. */
    public static final int MAX_GUILDS = 10_000_000;

    public static final PresenceScenario DEFAULT = new PresenceScenario(null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null);

    public PresenceScenario {
        users = users == null ? 10_000 : users;
        friends = friends == null ? 20 : friends;
        guilds = guilds == null ? 200 : guilds;
        guildsPerUser = guildsPerUser == null ? 2 : guildsPerUser;
        guildSkew = guildSkew == null ? 1.5 : guildSkew;
        maxSessions = maxSessions == null ? 3 : maxSessions;
        nodes = nodes == null ? 8 : nodes;
        heartbeatInterval = heartbeatInterval == null ? 30_000_000_000L : heartbeatInterval;
        resumeWindow = resumeWindow == null ? 60_000_000_000L : resumeWindow;
        changeEvery = changeEvery == null ? 600_000_000_000L : changeEvery;
        idleAfter = idleAfter == null ? 300_000_000_000L : idleAfter;
        sessionLife = sessionLife == null ? 3_600_000_000_000L : sessionLife;
        dropFraction = dropFraction == null ? 0.3 : dropFraction;
        resumeAfter = resumeAfter == null ? 5_000_000_000L : resumeAfter;
        neverBackFraction = neverBackFraction == null ? 0.2 : neverBackFraction;
        link = link == null ? 20_000_000L : link;
        backbone = backbone == null ? 1_000_000L : backbone;
        slowFraction = slowFraction == null ? 0.01 : slowFraction;
        slowWriteEvery = slowWriteEvery == null ? 2_000_000_000L : slowWriteEvery;
        duration = duration == null ? 300_000_000_000L : duration;
        sampled = sampled == null ? 200 : sampled;
        replay = replay == null ? 32 : replay;
        store = store == null ? "compact" : store;
        community = community == null ? 0 : community;
        backboneMin = backboneMin == null ? 0L : backboneMin;
        cell = cell == null ? 0 : cell;
        if (community > users) {
            throw new InvalidFieldException("community", community + " users per community is more than the world's "
                    + users + " users: give at most " + users + " (one community of everyone), or 0 for one uniform "
                    + "random graph");
        }
        if (cell > 0 && community == 0) {
            throw new InvalidFieldException("cell", cell + " users per cell needs communities (community above 0): a "
                    + "cell holds whole communities, so that no friendship or guild crosses two cells");
        }
        if (cell > 0 && cell % community != 0) {
            throw new InvalidFieldException("cell", cell + " users is not a whole number of communities of "
                    + community + " (a cell holds whole communities)");
        }
        if (backboneMin > backbone) {
            throw new InvalidFieldException("backboneMin", SimTime.formatExact(backboneMin) + " is more than the "
                    + "mean backbone delay, " + SimTime.formatExact(backbone));
        }
        if (!store.equals("compact") && !store.equals("object")) {
            throw new InvalidFieldException("store", "\"compact\" or \"object\", not \"" + store + "\"");
        }
    }

    /** A scenario with a uniform random graph (no communities): the signature before {@code community} existed. */
    public PresenceScenario(Integer users, Integer friends, Integer guilds, Integer guildsPerUser, Double guildSkew,
                            Integer maxSessions, Integer nodes, Long heartbeatInterval, Long resumeWindow,
                            Long changeEvery, Long idleAfter, Long sessionLife, Double dropFraction, Long resumeAfter,
                            Double neverBackFraction, Long link, Long backbone, Double slowFraction,
                            Long slowWriteEvery, Long duration, Integer sampled, Integer replay, String store) {
        this(users, friends, guilds, guildsPerUser, guildSkew, maxSessions, nodes, heartbeatInterval, resumeWindow,
                changeEvery, idleAfter, sessionLife, dropFraction, resumeAfter, neverBackFraction, link, backbone,
                slowFraction, slowWriteEvery, duration, sampled, replay, store, 0, 0L);
    }

    /** A scenario with the backbone's delay drawn from 0 (the signature before {@code backboneMin} existed). */
    public PresenceScenario(Integer users, Integer friends, Integer guilds, Integer guildsPerUser, Double guildSkew,
                            Integer maxSessions, Integer nodes, Long heartbeatInterval, Long resumeWindow,
                            Long changeEvery, Long idleAfter, Long sessionLife, Double dropFraction, Long resumeAfter,
                            Double neverBackFraction, Long link, Long backbone, Double slowFraction,
                            Long slowWriteEvery, Long duration, Integer sampled, Integer replay, String store,
                            Integer community) {
        this(users, friends, guilds, guildsPerUser, guildSkew, maxSessions, nodes, heartbeatInterval, resumeWindow,
                changeEvery, idleAfter, sessionLife, dropFraction, resumeAfter, neverBackFraction, link, backbone,
                slowFraction, slowWriteEvery, duration, sampled, replay, store, community, 0L, 0);
    }

    /** A scenario run as one world (the signature before {@code cell} existed). */
    public PresenceScenario(Integer users, Integer friends, Integer guilds, Integer guildsPerUser, Double guildSkew,
                            Integer maxSessions, Integer nodes, Long heartbeatInterval, Long resumeWindow,
                            Long changeEvery, Long idleAfter, Long sessionLife, Double dropFraction, Long resumeAfter,
                            Double neverBackFraction, Long link, Long backbone, Double slowFraction,
                            Long slowWriteEvery, Long duration, Integer sampled, Integer replay, String store,
                            Integer community, Long backboneMin) {
        this(users, friends, guilds, guildsPerUser, guildSkew, maxSessions, nodes, heartbeatInterval, resumeWindow,
                changeEvery, idleAfter, sessionLife, dropFraction, resumeAfter, neverBackFraction, link, backbone,
                slowFraction, slowWriteEvery, duration, sampled, replay, store, community, backboneMin, 0);
    }

    /** The heartbeat timeout: the interval plus half of it. */
    public long heartbeatTimeout() {
        return heartbeatInterval + heartbeatInterval / 2;
    }

    /**
     * This world with {@code n} users and its guilds scaled with them, so a guild keeps its size ({@code --users}):
     * users alone would crowd the same guilds (the default's 200 hold 100 memberships each at 10,000 users, 10,000
     * at a million), and with them a change's fan-out and a slow reader's backlog would grow with the world.
     */
    public PresenceScenario scaledTo(int n) {
        long g = (long) guilds * n / users;
        return withUsers(n).withGuilds((int) Math.max(1, Math.min(MAX_GUILDS, g)));
    }

    /**
     * This world with {@code n} users; a community bigger than that becomes one community of all {@code n} (the same
     * graph as before: {@code WorldBuilder} draws a community at least the world as the whole world). For worlds the
     * code derives (a cell, a lab's set-up); a user's {@code --users} below the community is refused before this.
     */
    public PresenceScenario withUsers(int n) {
        return new PresenceScenario(n, friends, guilds, guildsPerUser, guildSkew, maxSessions, nodes,
                heartbeatInterval, resumeWindow, changeEvery, idleAfter, sessionLife, dropFraction, resumeAfter,
                neverBackFraction, link, backbone, slowFraction, slowWriteEvery, duration,
                sampled, replay, store, Math.min(community, n), backboneMin, cell);
    }

    public PresenceScenario withDuration(long d) {
        return new PresenceScenario(users, friends, guilds, guildsPerUser, guildSkew, maxSessions, nodes,
                heartbeatInterval, resumeWindow, changeEvery, idleAfter, sessionLife, dropFraction, resumeAfter,
                neverBackFraction, link, backbone, slowFraction, slowWriteEvery, d, sampled, replay, store,
                community, backboneMin, cell);
    }

    public PresenceScenario withStore(String s) {
        return new PresenceScenario(users, friends, guilds, guildsPerUser, guildSkew, maxSessions, nodes,
                heartbeatInterval, resumeWindow, changeEvery, idleAfter, sessionLife, dropFraction, resumeAfter,
                neverBackFraction, link, backbone, slowFraction, slowWriteEvery, duration,
                sampled, replay, s, community, backboneMin, cell);
    }

    public PresenceScenario withGuilds(int g) {
        return new PresenceScenario(users, friends, g, guildsPerUser, guildSkew, maxSessions, nodes,
                heartbeatInterval, resumeWindow, changeEvery, idleAfter, sessionLife, dropFraction, resumeAfter,
                neverBackFraction, link, backbone, slowFraction, slowWriteEvery, duration,
                sampled, replay, store, community, backboneMin, cell);
    }

    /** A copy with the churn behaviour changed (labs and tours). */
    public PresenceScenario withChurn(long changeEvery, long sessionLife, double dropFraction, long resumeAfter,
                                      double neverBackFraction) {
        return new PresenceScenario(users, friends, guilds, guildsPerUser, guildSkew, maxSessions, nodes,
                heartbeatInterval, resumeWindow, changeEvery, idleAfter, sessionLife, dropFraction, resumeAfter,
                neverBackFraction, link, backbone, slowFraction, slowWriteEvery, duration,
                sampled, replay, store, community, backboneMin, cell);
    }

    public PresenceScenario withSlow(double fraction, long writeEvery) {
        return new PresenceScenario(users, friends, guilds, guildsPerUser, guildSkew, maxSessions, nodes,
                heartbeatInterval, resumeWindow, changeEvery, idleAfter, sessionLife, dropFraction, resumeAfter,
                neverBackFraction, link, backbone, fraction, writeEvery, duration, sampled, replay, store,
                community, backboneMin, cell);
    }

    /** A copy whose users live in communities of {@code n} (0: one uniform random graph). */
    public PresenceScenario withCommunity(int n) {
        return new PresenceScenario(users, friends, guilds, guildsPerUser, guildSkew, maxSessions, nodes,
                heartbeatInterval, resumeWindow, changeEvery, idleAfter, sessionLife, dropFraction, resumeAfter,
                neverBackFraction, link, backbone, slowFraction, slowWriteEvery, duration, sampled, replay,
                store, n, backboneMin, cell);
    }

    /** A copy whose backbone messages take at least {@code min} ns (the mean stays {@code backbone}). */
    public PresenceScenario withBackboneMin(long min) {
        return new PresenceScenario(users, friends, guilds, guildsPerUser, guildSkew, maxSessions, nodes,
                heartbeatInterval, resumeWindow, changeEvery, idleAfter, sessionLife, dropFraction, resumeAfter,
                neverBackFraction, link, backbone, slowFraction, slowWriteEvery, duration, sampled, replay, store,
                community, min, cell);
    }

    /** A copy keeping the whole view of {@code n} observer sessions (the convergence check's sample). */
    public PresenceScenario withSampled(int n) {
        return new PresenceScenario(users, friends, guilds, guildsPerUser, guildSkew, maxSessions, nodes,
                heartbeatInterval, resumeWindow, changeEvery, idleAfter, sessionLife, dropFraction, resumeAfter,
                neverBackFraction, link, backbone, slowFraction, slowWriteEvery, duration,
                n, replay, store, community, backboneMin, cell);
    }

    public PresenceScenario withReplay(int r) {
        return new PresenceScenario(users, friends, guilds, guildsPerUser, guildSkew, maxSessions, nodes,
                heartbeatInterval, resumeWindow, changeEvery, idleAfter, sessionLife, dropFraction, resumeAfter,
                neverBackFraction, link, backbone, slowFraction, slowWriteEvery, duration,
                sampled, r, store, community, backboneMin, cell);
    }

    /** A copy spread over {@code n} gateway nodes. */
    public PresenceScenario withNodes(int n) {
        return new PresenceScenario(users, friends, guilds, guildsPerUser, guildSkew, maxSessions, n,
                heartbeatInterval, resumeWindow, changeEvery, idleAfter, sessionLife, dropFraction, resumeAfter,
                neverBackFraction, link, backbone, slowFraction, slowWriteEvery, duration, sampled, replay, store,
                community, backboneMin, cell);
    }

    /** A copy run in cells of {@code n} users (0: one world); {@code n} must be a whole number of communities. */
    public PresenceScenario withCell(int n) {
        return new PresenceScenario(users, friends, guilds, guildsPerUser, guildSkew, maxSessions, nodes,
                heartbeatInterval, resumeWindow, changeEvery, idleAfter, sessionLife, dropFraction, resumeAfter,
                neverBackFraction, link, backbone, slowFraction, slowWriteEvery, duration, sampled, replay, store,
                community, backboneMin, n);
    }

    /** The communities the users live in (the last one may be smaller); 1 when {@code community} is 0. */
    public int communities() {
        return community == 0 ? 1 : (users + community - 1) / community;
    }

    /**
     * Why this world cannot run in its cells, or null. With fewer guilds than communities the generator gives
     * communities shared guilds (community c's block starts at c × block mod guilds, {@code WorldBuilder}), so a
     * cell boundary would cut a guild apart and the cells would be another world, of more and smaller guilds.
     */
    public String cellsCutGuilds() {
        if (cells() <= 1 || communities() <= guilds) {
            return null;
        }
        return "this world's " + guilds + " guilds are fewer than its " + communities() + " communities of "
                + community + " users, so communities share guilds and cells would cut them: give communities of "
                + (users + guilds - 1) / guilds + " users or more";
    }

    /**
     * The cells this world runs in: 1 (one world) unless {@code cell} is set and smaller than the world, else one per
     * {@code cell} users, the last one holding what is left.
     */
    public int cells() {
        return cell == 0 || cell >= users ? 1 : (users + cell - 1) / cell;
    }
}
