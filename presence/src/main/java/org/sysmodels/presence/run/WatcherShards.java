package org.sysmodels.presence.run;

import org.sysmodels.presence.model.store.SocialGraph;

/**
 * For a run split into shards: which shards hold a watcher of each user (one bit per shard; a run has at most 8).
 * Who watches a user is fixed by the social graph (its friends and the members of its guilds, as
 * {@code PresenceCore} fans out), and which shard a user lives in is fixed by its id, so this is computed once.
 *
 * <p>Why: a presence a shard publishes goes to the other shards, whose clusters fan it out to their own watchers and
 * keep it as their copy of the user's presence. A shard that holds no watcher of the user would walk the user's
 * friend and guild lists and find no session (hundreds of cold records read, nothing sent, nothing drawn), and its
 * copy would never be read (only a watcher's snapshot reads another user's presence). So {@link Lockstep} does not
 * send it there. And when no shard watches another's users at all (the {@code large} world: communities of 1,000
 * consecutive users never straddle a shard's edge), nothing crosses, the shards are independent, and they run
 * without windows or barriers.
 */
final class WatcherShards {

    private final byte[] shardsOf;
    private final boolean independent;

    private WatcherShards(byte[] shardsOf, boolean independent) {
        this.shardsOf = shardsOf;
        this.independent = independent;
    }

    /** The watchers' shards of every user, with users split as {@link Shard} splits them. */
    static WatcherShards of(SocialGraph graph, int shards) {
        if (shards < 1 || shards > 8) {
            throw new IllegalArgumentException("shards " + shards + " is not 1 to 8");
        }
        int users = graph.users();
        byte[] home = new byte[users];
        for (int k = 0; k < shards; k++) {
            int first = (int) ((long) users * k / shards);
            int end = (int) ((long) users * (k + 1) / shards);
            for (int u = first; u < end; u++) {
                home[u] = (byte) k;
            }
        }
        byte[] guildShards = new byte[graph.guilds()];
        int[] memberStart = graph.memberStart();
        int[] members = graph.members();
        for (int g = 0; g < guildShards.length; g++) {
            int bits = 0;
            for (int i = memberStart[g]; i < memberStart[g + 1]; i++) {
                bits |= 1 << home[members[i]];
            }
            guildShards[g] = (byte) bits;
        }
        byte[] shardsOf = new byte[users];
        int[] friendStart = graph.friendStart();
        int[] friends = graph.friends();
        int[] guildStart = graph.guildStart();
        int[] userGuilds = graph.userGuilds();
        boolean independent = true;
        for (int u = 0; u < users; u++) {
            int bits = 0;
            for (int i = friendStart[u]; i < friendStart[u + 1]; i++) {
                bits |= 1 << home[friends[i]];
            }
            for (int i = guildStart[u]; i < guildStart[u + 1]; i++) {
                bits |= guildShards[userGuilds[i]];
            }
            shardsOf[u] = (byte) bits;
            independent &= (bits & ~(1 << home[u])) == 0;
        }
        return new WatcherShards(shardsOf, independent);
    }

    /**
     * True when shard {@code shard} may hold a session watching {@code user}: one of its friends, or a member of one
     * of its guilds (the user itself counts in its guilds, which only makes this answer true more often).
     */
    boolean watchedIn(int user, int shard) {
        return (shardsOf[user] >>> shard & 1) != 0;
    }

    /** True when no user is watched outside its own shard: the shards never need each other's presences. */
    boolean independent() {
        return independent;
    }
}
