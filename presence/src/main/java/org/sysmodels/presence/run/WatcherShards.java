package org.sysmodels.presence.run;

import org.sysmodels.presence.model.store.SocialGraph;

/**
 * For a run split into shards: which shards hold a watcher of each user (one bit per shard; a run has at most 8).
 * Who watches a user is fixed by the social graph (its friends and the members of its guilds, as
 * {@code PresenceCore} fans out), and which shard a user lives in is fixed by its id, so this is computed once.
 *
 * <p>Why: every presence a shard publishes arrives in every other shard, whose cluster fans it out to its own
 * watchers. When that shard holds none, the fan-out walks the user's friend and guild lists and finds no session:
 * it reaches nobody, sends nothing and draws nothing, but reads hundreds of cold records. With communities (the
 * {@code large} world) that is every replica. {@link Shard} then only keeps the replica as its copy of the user's
 * presence, which is all such a fan-out leaves behind.
 */
final class WatcherShards {

    private final byte[] shardsOf;

    private WatcherShards(byte[] shardsOf) {
        this.shardsOf = shardsOf;
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
        for (int u = 0; u < users; u++) {
            int bits = 0;
            for (int i = friendStart[u]; i < friendStart[u + 1]; i++) {
                bits |= 1 << home[friends[i]];
            }
            for (int i = guildStart[u]; i < guildStart[u + 1]; i++) {
                bits |= guildShards[userGuilds[i]];
            }
            shardsOf[u] = (byte) bits;
        }
        return new WatcherShards(shardsOf);
    }

    /**
     * True when shard {@code shard} may hold a session watching {@code user}: one of its friends, or a member of one
     * of its guilds (the user itself counts in its guilds, which only makes this answer true more often).
     */
    boolean watchedIn(int user, int shard) {
        return (shardsOf[user] >>> shard & 1) != 0;
    }
}
