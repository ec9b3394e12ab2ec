package org.sysmodels.bench.presence;

import java.util.Locale;
import org.sysmodels.presence.run.StoreMemory;
import org.sysmodels.presence.scenario.PresenceScenario;

/**
 * Row {@code memory}: heap bytes per user of the compact and the object store (graph, 1-3 sessions, presences), and
 * their ratio, measured in the same JVM; with {@code --long} the compact store at 5 M users (the target's heap) and
 * the object store at 1 M (it would not fit 5 M in 6 GiB).
 */
final class MemoryRow {

    private MemoryRow() {
    }

    static void run(boolean longRun) {
        int compactUsers = longRun ? 5_000_000 : 200_000;
        int objectUsers = longRun ? 1_000_000 : 200_000;
        PresenceScenario base = PresenceScenario.DEFAULT.withGuilds(10_000);
        StoreMemory.Measured compact = StoreMemory.measure(base.withUsers(compactUsers).withGuilds(
                Math.max(10_000, compactUsers / 50)).withStore("compact"), 1);
        System.out.printf(Locale.ROOT, "compact store, %,d users: %,d bytes (%.1f MiB)%n", compactUsers,
                compact.bytes(), compact.bytes() / 1048576.0);
        StoreMemory.Measured object = StoreMemory.measure(base.withUsers(objectUsers).withGuilds(
                Math.max(10_000, objectUsers / 50)).withStore("object"), 1);
        System.out.printf(Locale.ROOT, "object store, %,d users: %,d bytes (%.1f MiB)%n", objectUsers,
                object.bytes(), object.bytes() / 1048576.0);
        PresenceFigures.row(String.format(Locale.ROOT, "presence compact store, %,d users", compactUsers),
                String.format(Locale.ROOT, "%.0f", compact.perUser()), "B/user",
                String.format(Locale.ROOT, "object per entity, %,d users", objectUsers),
                String.format(Locale.ROOT, "%.0f", object.perUser()),
                String.format(Locale.ROOT, "%.2fx", compact.perUser() / object.perUser()),
                "report both and the ratio (the myth: \"45% saved\")");
        if (longRun) {
            PresenceFigures.row("presence compact store, 5 M users, heap", String.format(Locale.ROOT, "%.2f",
                    compact.bytes() / (double) (1L << 30)), "GiB", "-", "-", "-",
                    "5 M users on ≤ 6 GiB (store only)");
        }
    }
}
