package org.sysmodels.presence.run;

import java.util.Locale;
import java.util.function.IntFunction;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.store.SocialGraph;
import org.sysmodels.presence.scenario.PresenceScenario;

/**
 * A world of communities run as independent cells ({@code cell} in the scenario): each cell is whole communities
 * with their own presence cluster, scheduler, random streams, clients, node-side sessions and checks (a
 * {@link Shard} of one), and nothing crosses between cells, because no friendship or guild crosses a community.
 * Every cell's sessions connect to any of the scenario's gateway nodes; each cell's cluster has its own ordered link
 * to each node: ordering per sender and receiver, as over a TCP connection (RFC 9293 §3.4, sequence numbers) or
 * between two Erlang processes ("if an entity sends multiple signals to the same destination entity, the order is
 * preserved", Erlang Reference Manual, "Processes", Signal Delivery; signals from different senders have no order
 * between them), not one order for everything a node receives.
 *
 * <p>Why: a delivery's cost is mostly the first touch of the recipient's state. In one world of 5 M users that state
 * is 4 GB and a change's recipients are scattered over it; a cell of 5,000 users holds a few MB. The threads take
 * their cells in turn, each for {@link #SLICE_NS} of virtual time, so one cell's state is read from memory once per
 * slice and then served from the cache for every heartbeat and delivery of the slice (docs/presence.md, "Cells").
 *
 * <p>The cells never wait for each other, so where one stops and the next begins, and which thread runs which,
 * change nothing: the outcome is a function of the scenario and the seed, whatever the thread count.
 */
final class Cells implements Split {

    /**
     * Virtual time a thread runs one cell before it moves to the next. Measured (docs/presence.md, "Cells"): 10 s
     * slices cost 78 ns per delivery, 30 s 60 ns, 60 s 55 ns, against 115 ns for the same users in one world.
     */
    static final long SLICE_NS = 60_000_000_000L;

    private final Shard[] cells;
    private final int threads;
    private long now;

    Cells(Shard[] cells, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " is not at least 1");
        }
        this.cells = cells;
        this.threads = Math.min(threads, cells.length);
    }

    /**
     * Builds every cell of {@code sc} (which has more than one), on {@code threads} threads: each cell from its own
     * seed ({@link RandomStreams#seedFor}) and in its own order, so the result does not depend on the thread count.
     *
     * @param extra one more observer per cell (tests), or null
     */
    static Shard[] build(PresenceScenario sc, long seed, SimParts parts, int threads,
                         IntFunction<PresenceObserver> extra) {
        int n = sc.cells();
        Shard[] cells = new Shard[n];
        int workers = Math.max(1, Math.min(threads, n));
        SideBySide.run(workers, "presence-cells-build", w -> {
            for (int k = n * w / workers; k < n * (w + 1) / workers; k++) {
                try {
                    cells[k] = buildOne(sc, k, seed, parts, extra);
                } catch (RuntimeException e) {
                    throw inCell(k, e);
                }
            }
        }, () -> { });
        return cells;
    }

    private static Shard buildOne(PresenceScenario sc, int k, long seed, SimParts parts,
                                  IntFunction<PresenceObserver> extra) {
        PresenceScenario one = of(sc, k);
        RandomStreams streams = new RandomStreams(RandomStreams.seedFor(seed, "presence/cell-" + k));
        SocialGraph graph = WorldBuilder.build(one, streams.stream("presence/world"));
        Shard cell = new Shard(one, graph, streams, 0, 1, parts, Tracer.off(), null,
                extra == null ? null : extra.apply(k));
        cell.start(null);
        return cell;
    }

    /** A failure inside cell {@code k}, saying so: user and session numbers are the cell's own. */
    private static IllegalStateException inCell(int k, RuntimeException e) {
        return new IllegalStateException("cell " + k + ": " + e.getMessage(), e);
    }

    /**
     * The first user of cell {@code k} of {@code sc} ({@code k} = the cell count: the world's end). The communities
     * are shared out evenly, so cells differ by a community at most, and the last community may be smaller.
     */
    static int firstUser(PresenceScenario sc, int k) {
        return (int) Math.min(sc.users(), (long) sc.communities() * k / sc.cells() * sc.community());
    }

    /** The users of a world's smallest and largest cell. */
    record Sizes(int least, int most) {

        /** "5,000", or "4,000 to 5,000" when the cells differ. */
        String describe() {
            return least == most ? String.format(Locale.ROOT, "%,d", least)
                    : String.format(Locale.ROOT, "%,d to %,d", least, most);
        }
    }

    /** The users of {@code sc}'s smallest and of its largest cell. */
    static Sizes sizes(PresenceScenario sc) {
        int least = Integer.MAX_VALUE;
        int most = 0;
        for (int k = 0; k < sc.cells(); k++) {
            int users = firstUser(sc, k + 1) - firstUser(sc, k);
            least = Math.min(least, users);
            most = Math.max(most, users);
        }
        return new Sizes(least, most);
    }

    /**
     * Cell {@code k}'s world: its users, its communities' share of the guilds (so each community keeps a guild block
     * of its own, as in one world; every guild is in one cell) and the sampled observers in proportion to its users
     * (at least one if the world samples any).
     */
    static PresenceScenario of(PresenceScenario sc, int k) {
        int first = firstUser(sc, k);
        int users = firstUser(sc, k + 1) - first;
        int communities = (users + sc.community() - 1) / sc.community();
        int before = first / sc.community();
        int guilds = guildsUpTo(sc, before + communities) - guildsUpTo(sc, before);
        int sampled = sc.sampled() == 0 ? 0
                : (int) Math.max(1, Math.round(sc.sampled() * (users / (double) sc.users())));
        return sc.withCell(0).withUsers(users).withGuilds(Math.max(1, guilds)).withSampled(sampled);
    }

    /** The guilds of the world's first {@code communities} communities (shared out evenly). */
    private static int guildsUpTo(PresenceScenario sc, int communities) {
        return (int) ((long) sc.guilds() * communities / sc.communities());
    }

    int threads() {
        return threads;
    }

    @Override
    public void runUntil(long t) {
        if (t <= now) {
            return;
        }
        long from = now;
        SideBySide.run(threads, "presence-cells", w -> runGroup(w, from, t), () -> { });
        now = t;
    }

    /** Worker {@code w}'s cells (a contiguous share), slice by slice, each cell in turn. */
    private void runGroup(int w, long from, long t) {
        int first = cells.length * w / threads;
        int end = cells.length * (w + 1) / threads;
        for (long at = from; at < t; ) {
            long sliceEnd = Math.min(t, at + SLICE_NS);
            for (int k = first; k < end; k++) {
                try {
                    cells[k].sched.runUntil(sliceEnd);
                } catch (RuntimeException e) {
                    throw inCell(k, e);
                }
            }
            at = sliceEnd;
        }
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public long crossMessages() {
        return 0;
    }

    @Override
    public long unwatched() {
        return 0;
    }

    @Override
    public boolean independent() {
        return true;
    }
}
