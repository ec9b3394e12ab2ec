package org.sysmodels.presence.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sysmodels.presence.model.store.SocialGraph;
import org.sysmodels.presence.scenario.PresenceScenario;

/** Which shards watch a user: the same answer as walking the user's friends and guild members one by one. */
class WatcherShardsTest {

    /** The brute force: is any friend, or any other member of one of the user's guilds, in {@code [first, end)}? */
    private static boolean watched(SocialGraph g, int user, int first, int end) {
        for (int k = g.friendStart()[user]; k < g.friendStart()[user + 1]; k++) {
            int v = g.friends()[k];
            if (v >= first && v < end) {
                return true;
            }
        }
        for (int k = g.guildStart()[user]; k < g.guildStart()[user + 1]; k++) {
            int guild = g.userGuilds()[k];
            for (int i = g.memberStart()[guild]; i < g.memberStart()[guild + 1]; i++) {
                int m = g.members()[i];
                if (m != user && m >= first && m < end) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int check(SocialGraph g, int shards) {
        WatcherShards w = WatcherShards.of(g, shards);
        int unwatchedPairs = 0;
        for (int k = 0; k < shards; k++) {
            int first = (int) ((long) g.users() * k / shards);
            int end = (int) ((long) g.users() * (k + 1) / shards);
            for (int u = 0; u < g.users(); u++) {
                boolean truth = watched(g, u, first, end);
                boolean home = u >= first && u < end;
                // the user's own shard may be answered true for its guilds (the user is a member): never false
                if (!home) {
                    assertEquals(truth, w.watchedIn(u, k), "user " + u + " in shard " + k);
                } else {
                    assertTrue(!truth || w.watchedIn(u, k), "user " + u + " in its own shard " + k);
                }
                unwatchedPairs += w.watchedIn(u, k) ? 0 : 1;
            }
        }
        return unwatchedPairs;
    }

    @Test
    void matchesTheWatchersOnTheUniformGraphAndOnCommunities() {
        for (int shards = 2; shards <= 8; shards++) {
            check(WorldBuilderTest.build(WorldBuilderTest.BASE, shards), shards);
            // blocks of 250 users: shard edges cut some blocks when the split is not a multiple of 250
            int unwatched = check(WorldBuilderTest.build(WorldBuilderTest.BASE.withCommunity(250), shards), shards);
            assertTrue(unwatched >= WorldBuilderTest.BASE.users() * (shards - 1) * 9 / 10,
                    "with communities nearly every user is unwatched in every other shard: " + unwatched);
        }
    }

    @Test
    void aLonelyUserIsWatchedNowhereElse() {
        PresenceScenario sc = PresenceScenario.DEFAULT.withUsers(11).withGuilds(5).withCommunity(5);
        SocialGraph g = WorldBuilderTest.build(sc, 3);
        check(g, 3);
        assertThrows(IllegalArgumentException.class, () -> WatcherShards.of(g, 9));
    }
}
