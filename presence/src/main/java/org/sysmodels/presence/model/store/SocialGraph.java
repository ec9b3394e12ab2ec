package org.sysmodels.presence.model.store;

import java.util.Arrays;

/**
 * Friendships and guild memberships in compressed sparse row form: user {@code u}'s friends are
 * {@code friends[friendStart[u] .. friendStart[u+1])}, its guilds {@code guilds[guildStart[u] .. guildStart[u+1])},
 * guild {@code g}'s members {@code members[memberStart[g] .. memberStart[g+1])}. Friendship is symmetric and no user
 * is its own friend; every membership appears in both directions. {@link #of} builds one from edge lists.
 */
public record SocialGraph(int users, int guilds, int[] friendStart, int[] friends, int[] guildStart, int[] userGuilds,
                          int[] memberStart, int[] members) {

    /**
     * Builds the graph from friend pairs ({@code friendA[i]} ↔ {@code friendB[i]}, duplicates and self pairs dropped)
     * and memberships ({@code memberUser[i]} in {@code memberGuild[i]}, duplicates dropped).
     */
    public static SocialGraph of(int users, int guilds, int[] friendA, int[] friendB, int pairs, int[] memberUser,
                                 int[] memberGuild, int memberships) {
        int[] degree = new int[users + 1];
        for (int i = 0; i < pairs; i++) {
            check(friendA[i], users, "friend");
            check(friendB[i], users, "friend");
            if (friendA[i] != friendB[i]) {
                degree[friendA[i]]++;
                degree[friendB[i]]++;
            }
        }
        int[] fStart = prefix(degree, users);
        int[] fill = Arrays.copyOf(fStart, users);
        int[] fr = new int[fStart[users]];
        for (int i = 0; i < pairs; i++) {
            int a = friendA[i];
            int b = friendB[i];
            if (a != b) {
                fr[fill[a]++] = b;
                fr[fill[b]++] = a;
            }
        }
        int[][] f = dedupe(fStart, fr, users);
        int[] uDeg = new int[users + 1];
        int[] gDeg = new int[guilds + 1];
        for (int i = 0; i < memberships; i++) {
            check(memberUser[i], users, "member");
            if (memberGuild[i] < 0 || memberGuild[i] >= guilds) {
                throw new IllegalArgumentException("guild " + memberGuild[i] + " is not 0 to " + (guilds - 1));
            }
            uDeg[memberUser[i]]++;
            gDeg[memberGuild[i]]++;
        }
        int[] uStart = prefix(uDeg, users);
        int[] ug = new int[uStart[users]];
        int[] uFill = Arrays.copyOf(uStart, users);
        for (int i = 0; i < memberships; i++) {
            ug[uFill[memberUser[i]]++] = memberGuild[i];
        }
        int[][] u = dedupe(uStart, ug, users);
        // members from the deduplicated memberships, so both directions agree
        int[] gCount = new int[guilds + 1];
        for (int x : u[1]) {
            gCount[x]++;
        }
        int[] gStart = prefix(gCount, guilds);
        int[] mem = new int[gStart[guilds]];
        int[] gFill = Arrays.copyOf(gStart, guilds);
        for (int user = 0; user < users; user++) {
            for (int k = u[0][user]; k < u[0][user + 1]; k++) {
                mem[gFill[u[1][k]]++] = user;
            }
        }
        return new SocialGraph(users, guilds, f[0], f[1], u[0], u[1], gStart, mem);
    }

    private static void check(int user, int users, String what) {
        if (user < 0 || user >= users) {
            throw new IllegalArgumentException(what + " " + user + " is not a user 0 to " + (users - 1));
        }
    }

    private static int[] prefix(int[] counts, int n) {
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + counts[i];
        }
        return start;
    }

    /** Sorts each row and drops repeated entries; returns the new {start, entries}. */
    private static int[][] dedupe(int[] start, int[] entries, int rows) {
        int[] outStart = new int[rows + 1];
        int w = 0;
        for (int r = 0; r < rows; r++) {
            int from = start[r];
            int to = start[r + 1];
            Arrays.sort(entries, from, to);
            outStart[r] = w;
            for (int i = from; i < to; i++) {
                if (i == from || entries[i] != entries[i - 1]) {
                    entries[w++] = entries[i];
                }
            }
        }
        outStart[rows] = w;
        return new int[][] {outStart, w == entries.length ? entries : Arrays.copyOf(entries, w)};
    }

    public int friendCount(int u) {
        return friendStart[u + 1] - friendStart[u];
    }

    public int membershipCount(int u) {
        return guildStart[u + 1] - guildStart[u];
    }

    public int memberCount(int g) {
        return memberStart[g + 1] - memberStart[g];
    }
}
