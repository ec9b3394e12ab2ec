package org.sysmodels.presence.run;

import org.sysmodels.core.random.RandomStream;
import org.sysmodels.presence.model.store.SocialGraph;
import org.sysmodels.presence.scenario.PresenceScenario;

/**
 * A random social graph for a scenario: each user proposes {@code friends / 2} friendships to uniformly chosen others
 * (so about {@code friends} each, mutual, duplicates dropped), and joins 1 to {@code guildsPerUser} guilds, guild g
 * chosen as {@code floor(guilds · x^skew)} for uniform x, so low-numbered guilds are big and most are small (skew 1:
 * all alike).
 *
 * <p>With {@code community = C > 0} the users live in communities of C consecutive ids (the last one may be smaller)
 * and draw everything inside their own: friends uniformly among its other members, guilds from the community's own
 * block of {@code guilds / communities} guild ids (same skew within the block). This is the generator's choice, made
 * for memory locality: a change then fans out to sessions in one small stretch of the per-session arrays, which the
 * caches hold, where a uniform graph sends every delivery to a random place in arrays of millions. Real social graphs
 * are clustered (friends of friends are friends), but not into sealed blocks: no edge leaves a community here, and
 * the biggest guild is as big as a community's biggest block guild, not the uniform graph's. The number of friends,
 * memberships and guilds per user are the same as in the uniform graph; the fan-out per change is smaller where big
 * guilds were (about 14% fewer deliveries per simulated second in {@code large} at 5 M users).
 */
public final class WorldBuilder {

    private WorldBuilder() {
    }

    public static SocialGraph build(PresenceScenario sc, RandomStream rnd) {
        int c = sc.community();
        // the uniform graph is one community of every user: the same draws in the same order
        return communities(sc, c > 0 && c < sc.users() ? c : sc.users(), rnd);
    }

    /** Friends and guilds inside communities of {@code size} consecutive users (see the class comment). */
    private static SocialGraph communities(PresenceScenario sc, int size, RandomStream rnd) {
        int n = sc.users();
        int per = sc.friends() / 2;
        long pairs = (long) n * per;
        if (pairs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many friendships for one array: " + pairs);
        }
        int[] a = new int[(int) pairs];
        int[] b = new int[(int) pairs];
        int k = 0;
        for (int u = 0; u < n; u++) {
            int first = u / size * size;
            int members = Math.min(size, n - first);
            for (int i = 0; i < per && members > 1; i++) {
                int v = first + rnd.nextInt(members - 1);
                a[k] = u;
                b[k++] = v >= u ? v + 1 : v;
            }
        }
        int communities = (n + size - 1) / size;
        int block = Math.max(1, sc.guilds() / communities);
        int maxG = Math.max(0, sc.guildsPerUser());
        long mem = (long) n * maxG;
        int[] mu = new int[(int) Math.min(mem, Integer.MAX_VALUE - 8)];
        int[] mg = new int[mu.length];
        int m = 0;
        for (int u = 0; u < n && maxG > 0; u++) {
            int base = (int) ((long) (u / size) * block % sc.guilds());
            int count = 1 + rnd.nextInt(maxG);
            for (int i = 0; i < count; i++) {
                int g = (int) Math.min(block - 1, (long) (block * Math.pow(rnd.nextDouble(), sc.guildSkew())));
                mu[m] = u;
                mg[m++] = Math.min(sc.guilds() - 1, base + g);
            }
        }
        return SocialGraph.of(n, sc.guilds(), a, b, k, mu, mg, m);
    }
}
