package org.sysmodels.presence.run;

import java.util.List;
import java.util.Locale;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.ClientStatus;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.store.CompactStore;
import org.sysmodels.presence.model.store.ObjectStore;
import org.sysmodels.presence.model.store.PresenceStore;
import org.sysmodels.presence.model.store.SocialGraph;
import org.sysmodels.presence.scenario.PresenceScenario;

/**
 * What a store layout costs, measured on the heap: the scenario's social graph, 1 to 3 sessions per user with a
 * status each (some with a game), and every user's published presence, in the compact or the object layout. Heap in
 * use after full GCs, before and after, divided by the users.
 */
public final class StoreMemory {

    /** Bytes per user of one layout, and the store (kept reachable until measured). */
    public record Measured(String store, int users, long bytes) {
        public double perUser() {
            return bytes / (double) users;
        }

        /** Large enough to tell from the heap's noise ({@link Heap#MEASURABLE}); a tiny world's can even be < 0. */
        public boolean measurable() {
            return bytes >= Heap.MEASURABLE;
        }
    }

    /** Both layouts for one scenario and seed: what {@code sim presence --memory} and the README compare. */
    public record Comparison(Measured compact, Measured object) {

        /** Both layouts measured above the heap's noise. */
        public boolean measurable() {
            return compact.measurable() && object.measurable();
        }

        /** The run's summary line: each layout's bytes per user and their ratio, or why there are none. */
        public String summary() {
            if (!measurable()) {
                return String.format(Locale.ROOT, "store memory: not measured: the stores of %,d users take under "
                        + "%d MiB of heap, which after GC is steady only to %d KiB; give --memory 10,000 users or "
                        + "more.", compact.users(), Heap.MEASURABLE >> 20, Heap.SETTLED >> 10);
            }
            return String.format(Locale.ROOT, "store memory (the store alone, built apart from the run: graph, "
                    + "sessions, presences; heap after GC): compact %,.0f, object %,.0f bytes per user (%.2fx).",
                    compact.perUser(), object.perUser(), compact.perUser() / object.perUser());
        }
    }

    private StoreMemory() {
    }

    /** Measures the compact and the object layout of {@code sc}'s world, one after the other. */
    public static Comparison compare(PresenceScenario sc, long seed) {
        return new Comparison(measure(sc.withStore("compact"), seed), measure(sc.withStore("object"), seed));
    }

    public static Measured measure(PresenceScenario sc, long seed) {
        RandomStreams streams = new RandomStreams(seed);
        long before = Heap.used();
        SocialGraph graph = WorldBuilder.build(sc, streams.stream("presence/world"));
        PresenceStore store = sc.store().equals("object") ? new ObjectStore(graph)
                : new CompactStore(graph, sc.users() * 2);
        graph = null;
        fill(store, sc, streams.stream("presence/clients"));
        long after = Heap.used();
        long bytes = after - before;
        java.lang.ref.Reference.reachabilityFence(store);
        return new Measured(sc.store(), sc.users(), bytes);
    }

    /** Opens sessions, sets statuses and publishes a presence per user. */
    public static void fill(PresenceStore store, PresenceScenario sc, RandomStream rnd) {
        List<Activity> game = List.of(new Activity("Factorio", 0));
        for (int u = 0; u < store.userCount(); u++) {
            int k = 1 + rnd.nextInt(sc.maxSessions());
            ClientStatus cs = ClientStatus.NONE;
            for (int i = 0; i < k; i++) {
                Platform p = Platform.ofOrdinal(i % 3);
                int s = store.openSession(u, p, rnd.nextInt(sc.nodes()));
                store.setPresence(s, Status.ONLINE, i == 0 && rnd.chance(0.3) ? game : List.of(), 0);
                cs = cs.with(p, Status.ONLINE);
            }
            store.publish(new Presence(u, Status.ONLINE, cs, List.of(), 1, 0));
        }
    }
}
