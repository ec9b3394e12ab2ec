package org.sysmodels.presence.run;

import org.sysmodels.core.random.RandomStream;
import org.sysmodels.presence.model.store.SocialGraph;
import org.sysmodels.presence.scenario.PresenceScenario;

/**
 * A random social graph for a scenario: each user proposes {@code friends / 2} friendships to uniformly chosen others
 * (so about {@code friends} each, mutual, duplicates dropped), and joins 1 to {@code guildsPerUser} guilds, guild g
 * chosen as {@code floor(guilds · x^skew)} for uniform x, so low-numbered guilds are big and most are small (skew 1:
 * all alike).
 */
public final class WorldBuilder {

    private WorldBuilder() {
    }

    public static SocialGraph build(PresenceScenario sc, RandomStream rnd) {
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
            for (int i = 0; i < per; i++) {
                int v = rnd.nextInt(n - 1);
                a[k] = u;
                b[k++] = v >= u ? v + 1 : v;
            }
        }
        int maxG = Math.max(0, sc.guildsPerUser());
        long mem = (long) n * maxG;
        int[] mu = new int[(int) Math.min(mem, Integer.MAX_VALUE - 8)];
        int[] mg = new int[mu.length];
        int m = 0;
        for (int u = 0; u < n && maxG > 0; u++) {
            int count = 1 + rnd.nextInt(maxG);
            for (int i = 0; i < count; i++) {
                int g = (int) Math.min(sc.guilds() - 1, (long) (sc.guilds() * Math.pow(rnd.nextDouble(),
                        sc.guildSkew())));
                mu[m] = u;
                mg[m++] = g;
            }
        }
        return SocialGraph.of(n, sc.guilds(), a, b, k, mu, mg, m);
    }
}
