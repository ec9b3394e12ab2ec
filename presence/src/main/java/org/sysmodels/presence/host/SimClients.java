package org.sysmodels.presence.host;

import java.util.Arrays;
import java.util.List;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.presence.Status;

/**
 * The simulated users: each session heartbeats every interval (in sweeps: sessions are split into groups by slot, one
 * group per sweep, which is also how their first heartbeat is spread over the interval as Discord's jitter asks; in
 * big worlds a group is blocks of consecutive slots, see {@link #sweepBlock}),
 * changes status now and then (online, idle, dnd, invisible, with a game sometimes), goes idle by itself after a
 * quiet spell, and eventually leaves: a clean close, a reset connection it resumes a little later, or a silent
 * disappearance the server only notices when heartbeats stop. A user whose session ended comes back with a new one,
 * so the population stays about the same. After the churn period nothing changes any more; heartbeats go on.
 *
 * <p>Each session has one pending event (its next action); changes bump a generation so a stale event is ignored.
 */
public final class SimClients {

    /** A client's connection, as the client knows it. */
    private static final byte NONE = 0;
    private static final byte CONNECTED = 1;
    private static final byte AWAY = 2;        // dropped, will resume
    private static final byte SILENT = 3;      // gone without a word

    private static final List<Activity> GAMES = List.of(new Activity("Factorio", 0), new Activity("Celeste", 0),
            new Activity("Outer Wilds", 0), new Activity("Hades", 0), new Activity("lo-fi beats", 2),
            new Activity("a stream", 3), new Activity("Tetris 99", 5), new Activity("Stardew Valley", 0));
    /**
     * One list per game, shared by every status change that plays it: the store keeps each session's list for as long
     * as the session lives, and a list made per change left a 24-byte object per session playing something (700,000
     * more after 900 simulated seconds at 5 M users: part of the live set's growth in a long run).
     */
    private static final List<List<Activity>> PLAYING = GAMES.stream().map(List::of).toList();

    /** Session slots from which a sweep walks blocks of consecutive slots ({@link #sweepBlock}). */
    static final int BLOCKED_SWEEP_FROM = 1 << 18;
    /** Consecutive slots per sweep block in a world of at least {@link #BLOCKED_SWEEP_FROM} slots. */
    static final int SWEEP_BLOCK = 64;

    private final Scheduler sched;
    private final Gateway gateway;
    private final ClientBehaviour sc;
    private final RandomStream rnd;
    private final long churnEnd;
    private final int groups;
    private final int block;
    private final long sweep;
    private final int shard;
    private final int shards;
    private final int shardNodes;

    private byte[] state;
    private long[] nextChange;
    private long[] idleAt;
    private long[] leaveAt;
    private int[] gen;
    private int[] userOf;

    private final Action onSession = this::sessionEvent;
    private final Action onResume = this::resumeEvent;
    private final Action onIdentify = this::identifyEvent;
    private final Action onSweep = this::sweepEvent;

    private long changes;
    private long leaves;
    private long drops;
    private long silent;
    private long resumes;
    private long resumeFailures;
    private long identifies;

    /** @param expectedSessions session slots expected (the per-session arrays start at this size and grow after) */
    public SimClients(Scheduler sched, Gateway gateway, ClientBehaviour scenario, RandomStream rnd,
                      int expectedSessions) {
        this(sched, gateway, scenario, rnd, expectedSessions, 0, 1);
    }

    /**
     * Clients of one shard of {@code shards}: their sessions connect only to the shard's gateway nodes (those whose
     * number is {@code shard} modulo {@code shards}), each of them equally likely.
     */
    public SimClients(Scheduler sched, Gateway gateway, ClientBehaviour scenario, RandomStream rnd,
                      int expectedSessions, int shard, int shards) {
        if (shards < 1 || shard < 0 || shard >= shards || shards > scenario.nodes()) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards + " with " + scenario.nodes()
                    + " nodes");
        }
        this.shard = shard;
        this.shards = shards;
        this.shardNodes = (scenario.nodes() - shard + shards - 1) / shards;
        int n = Math.max(16, expectedSessions);
        state = new byte[n];
        nextChange = new long[n];
        idleAt = new long[n];
        leaveAt = new long[n];
        gen = new int[n];
        userOf = new int[n];
        this.sched = sched;
        this.gateway = gateway;
        this.sc = scenario;
        this.rnd = rnd;
        this.churnEnd = scenario.churnEnd();
        this.sweep = Math.max(1_000_000L, scenario.heartbeatInterval() / 30);
        this.groups = (int) Math.max(1, scenario.heartbeatInterval() / sweep);
        this.block = sweepBlock(expectedSessions);
    }

    /**
     * How many consecutive slots share a heartbeat group: slot s belongs to group {@code (s / block) mod groups}.
     * Small worlds keep one slot per block (group {@code s mod groups}, the layout every packaged trace was made
     * with); from {@link #BLOCKED_SWEEP_FROM} slots on (where the per-session arrays outgrow the caches many times
     * over) a sweep walks runs of {@link #SWEEP_BLOCK} consecutive slots, so the client state, the store's session
     * record, the expiry entry and the checks' deadline of consecutive heartbeats share cache lines, where a stride
     * of {@code groups} slots touched a new line in each per heartbeat (a cache simulator counts 22% fewer last-level
     * misses for {@code large}; thread CPU did not measurably change: docs/presence.md). Every session still
     * heartbeats once per interval, and the groups, each a sweep's share of the slots, are still spread evenly over
     * the interval (with at least 136 blocks per group, within 1% of equal).
     */
    static int sweepBlock(int expectedSessions) {
        return expectedSessions >= BLOCKED_SWEEP_FROM ? SWEEP_BLOCK : 1;
    }

    /** Starts heartbeat sweeps (one group per sweep). */
    public void start() {
        for (int g = 0; g < groups; g++) {
            sched.at(sched.now() + g * sweep, onSweep, g);
        }
    }

    /** A session that exists at the start (the warm cluster): the client's timers start now. */
    public void adopt(int session, Status status) {
        grow(session);
        state[session] = CONNECTED;
        userOf[session] = gateway.user(session);
        long now = sched.now();
        nextChange[session] = now + exp(sc.changeEvery());
        leaveAt[session] = now + exp(sc.sessionLife());
        idleAt[session] = status == Status.ONLINE || status == Status.DND ? now + (long) (rnd.nextDouble()
                * sc.idleAfter()) : Long.MAX_VALUE;
        schedule(session);
    }

    /** The status a session starts with (mostly online, some dnd and idle, a few invisible). */
    public Status initialStatus() {
        double x = rnd.nextDouble();
        return x < 0.65 ? Status.ONLINE : x < 0.8 ? Status.DND : x < 0.95 ? Status.IDLE : Status.INVISIBLE;
    }

    /** How many sessions a user has at the start: 1 to the scenario's maximum. */
    public int sessionsForUser() {
        return 1 + rnd.nextInt(sc.maxSessions());
    }

    public Platform platform() {
        return Platform.ofOrdinal(rnd.nextInt(3));
    }

    public int node() {
        return shards == 1 ? rnd.nextInt(sc.nodes()) : shard + shards * rnd.nextInt(shardNodes);
    }

    private long exp(long mean) {
        return Math.max(1, (long) rnd.exponential(mean));
    }

    private void grow(int s) {
        if (s >= state.length) {
            int cap = Math.max(state.length * 2, s + 1);
            state = Arrays.copyOf(state, cap);
            nextChange = Arrays.copyOf(nextChange, cap);
            idleAt = Arrays.copyOf(idleAt, cap);
            leaveAt = Arrays.copyOf(leaveAt, cap);
            gen = Arrays.copyOf(gen, cap);
            userOf = Arrays.copyOf(userOf, cap);
        }
    }

    private void schedule(int s) {
        long at = Math.max(sched.now(), Math.min(nextChange[s], Math.min(idleAt[s], leaveAt[s])));
        if (at < churnEnd) {
            gen[s]++;
            sched.at(at, onSession, (long) s << 32 | (gen[s] & 0xFFFFFFFFL));
        }
    }

    private void sessionEvent(long arg) {
        int s = (int) (arg >>> 32);
        if ((int) arg != gen[s] || state[s] != CONNECTED) {
            return;
        }
        long now = sched.now();
        if (leaveAt[s] <= now) {
            leave(s);
        } else if (nextChange[s] <= now) {
            changes++;
            change(s, now);
            nextChange[s] = now + exp(sc.changeEvery());
            schedule(s);
        } else {
            idleAt[s] = Long.MAX_VALUE;
            gateway.update(s, new PresenceUpdate(now / 1_000_000, List.of(), Status.IDLE, true));
            schedule(s);
        }
    }

    private void change(int s, long now) {
        double x = rnd.nextDouble();
        Status st = x < 0.55 ? Status.ONLINE : x < 0.75 ? Status.DND : x < 0.9 ? Status.IDLE : Status.INVISIBLE;
        List<Activity> acts = rnd.chance(0.3) ? PLAYING.get(rnd.nextInt(PLAYING.size())) : List.of();
        gateway.update(s, new PresenceUpdate(st == Status.IDLE ? now / 1_000_000 : null, acts, st,
                st == Status.IDLE));
        idleAt[s] = st == Status.ONLINE || st == Status.DND ? now + sc.idleAfter() : Long.MAX_VALUE;
    }

    private void leave(int s) {
        leaves++;
        int user = userOf[s];
        if (!rnd.chance(sc.dropFraction())) {
            state[s] = NONE;
            gateway.close(s);
            comeBack(user);
        } else if (rnd.chance(sc.neverBackFraction())) {
            silent++;
            state[s] = SILENT;
            gateway.drop(s, true);
            comeBack(user);
        } else {
            drops++;
            state[s] = AWAY;
            gateway.drop(s, false);
            gen[s]++;
            sched.at(sched.now() + exp(sc.resumeAfter()), onResume, (long) s << 32 | (gen[s] & 0xFFFFFFFFL));
        }
    }

    private void comeBack(int user) {
        long at = sched.now() + exp(Math.max(1_000_000L, sc.resumeAfter() * 4));
        if (at < churnEnd) {
            sched.at(at, onIdentify, user);
        }
    }

    private void resumeEvent(long arg) {
        int s = (int) (arg >>> 32);
        if ((int) arg != gen[s] || state[s] != AWAY) {
            return;
        }
        int user = userOf[s];
        if (gateway.resume(s, node())) {
            resumes++;
            state[s] = CONNECTED;
            schedule(s);
        } else {
            resumeFailures++;
            state[s] = NONE;
            identifyEvent(user);
        }
    }

    private void identifyEvent(long user) {
        identifies++;
        Status st = initialStatus();
        int s = gateway.identify((int) user, platform(), node(), PresenceUpdate.of(st));
        adopt(s, st);
    }

    /**
     * The server ended a session: whatever the client thought, it is over. A client still away finds out when it
     * tries to resume (Invalid Session) and identifies anew; modelled by bringing the user back with a new session.
     */
    public void ended(int session) {
        if (session < state.length && state[session] != NONE) {
            if (state[session] == AWAY || state[session] == CONNECTED) {
                resumeFailures += state[session] == AWAY ? 1 : 0;
                comeBack(userOf[session]);
            }
            state[session] = NONE;
            gen[session]++;
        }
    }

    private void sweepEvent(long group) {
        int g = (int) group;
        for (int first = g * block; first < state.length; first += groups * block) {
            for (int s = first, end = Math.min(state.length, first + block); s < end; s++) {
                if (state[s] == CONNECTED) {
                    gateway.heartbeat(s);
                }
            }
        }
        sched.at(sched.now() + sweep * groups, onSweep, g);
    }

    public long changes() {
        return changes;
    }

    public long leaves() {
        return leaves;
    }

    public long drops() {
        return drops;
    }

    public long silentDrops() {
        return silent;
    }

    public long resumes() {
        return resumes;
    }

    public long resumeFailures() {
        return resumeFailures;
    }

    public long identifies() {
        return identifies;
    }
}
