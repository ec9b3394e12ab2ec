package org.sysmodels.presence.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.presence.model.store.SocialGraph;
import org.sysmodels.presence.scenario.PresenceScenario;

/** The world generator: the uniform graph and the community graph (friends and guilds inside a user's block). */
class WorldBuilderTest {

    static final PresenceScenario BASE = PresenceScenario.DEFAULT.withUsers(5_003).withGuilds(1_000)
            .withDuration(60_000_000_000L);

    static SocialGraph build(PresenceScenario sc, long seed) {
        return WorldBuilder.build(sc, new RandomStreams(seed).stream("presence/world"));
    }

    @Test
    void communitiesKeepEveryRelationInsideTheBlock() {
        int size = 500;
        PresenceScenario sc = BASE.withCommunity(size);
        SocialGraph g = build(sc, 1);
        int communities = (sc.users() + size - 1) / size;
        int block = sc.guilds() / communities;
        long friends = 0;
        long memberships = 0;
        for (int u = 0; u < g.users(); u++) {
            int c = u / size;
            for (int k = g.friendStart()[u]; k < g.friendStart()[u + 1]; k++) {
                int v = g.friends()[k];
                assertEquals(c, v / size, "friend " + v + " of " + u + " is outside its community");
                assertTrue(v != u);
            }
            friends += g.friendCount(u);
            int n = g.membershipCount(u);
            assertTrue(n >= 1 && n <= sc.guildsPerUser(), "user " + u + " in " + n + " guilds");
            memberships += n;
            for (int k = g.guildStart()[u]; k < g.guildStart()[u + 1]; k++) {
                int guild = g.userGuilds()[k];
                assertTrue(guild >= c * block && guild < (c + 1) * block, "guild " + guild + " of user " + u
                        + " is outside block " + c);
            }
        }
        // the same degree as the uniform graph (duplicates aside): about `friends` each
        double mean = friends / (double) g.users();
        assertTrue(mean > sc.friends() * 0.9 && mean <= sc.friends(), "mean friends " + mean);
        SocialGraph uniform = build(BASE, 1);
        long uniformMemberships = uniform.guildStart()[uniform.users()];
        assertTrue(Math.abs(memberships - uniformMemberships) < uniformMemberships / 20,
                memberships + " memberships against " + uniformMemberships);
    }

    @Test
    void theLastCommunityMayBeSmallerAndOneUserAloneHasNoFriends() {
        PresenceScenario sc = PresenceScenario.DEFAULT.withUsers(11).withGuilds(5).withCommunity(5);
        SocialGraph g = build(sc, 3);
        assertEquals(0, g.friendCount(10), "user 10 is alone in the third community");
        for (int u = 0; u < 10; u++) {
            assertTrue(g.friendCount(u) > 0);
        }
    }

    @Test
    void sameSeedSameWorld() {
        PresenceScenario sc = BASE.withCommunity(300);
        SocialGraph a = build(sc, 9);
        SocialGraph b = build(sc, 9);
        assertArrayEquals(a.friends(), b.friends());
        assertArrayEquals(a.members(), b.members());
        // a community as large as the population is the uniform graph
        assertArrayEquals(build(BASE, 9).friends(), build(BASE.withCommunity(BASE.users()), 9).friends());
    }

    @Test
    void aCommunityRunHoldsEveryRule() {
        PresenceScenario sc = BASE.withUsers(3_000).withGuilds(60).withCommunity(400);
        PresenceSimulation.Outcome o = PresenceSimulation.run(sc, 4, SimParts.reference(), Tracer.off(), false);
        assertTrue(o.findings().isEmpty(), o.findings().toString());
        assertTrue(o.deliveries() > 0 && o.converged() > 0, "deliveries " + o.deliveries() + ", compared "
                + o.converged());
    }
}
