package org.sysmodels.presence.gateway.users;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.scenario.ScenarioLoader;
import org.sysmodels.presence.model.store.SocialGraph;

/**
 * The users a gateway knows, from a {@link UsersFile} or generated: tokens (the users file: no token, no session),
 * snowflake ids ↔ the model's dense indexes, names, and the social graph. Immutable once built, so every event loop
 * may read it.
 */
public final class UserDirectory {

    private final List<String> userIds;
    private final List<String> names;
    private final List<String> tokens;
    private final boolean[] presenceIntent;
    private final List<String> guildIds;
    private final List<String> guildNames;
    private final Map<String, Integer> byToken = new HashMap<>();
    private final Map<String, Integer> byId = new HashMap<>();
    private final Map<String, Integer> guildById = new HashMap<>();
    private final SocialGraph graph;

    private UserDirectory(List<String> userIds, List<String> names, List<String> tokens, boolean[] presenceIntent,
                          List<String> guildIds, List<String> guildNames, SocialGraph graph) {
        this.userIds = List.copyOf(userIds);
        this.names = List.copyOf(names);
        this.tokens = List.copyOf(tokens);
        this.presenceIntent = presenceIntent.clone();
        this.guildIds = List.copyOf(guildIds);
        this.guildNames = List.copyOf(guildNames);
        this.graph = graph;
        for (int i = 0; i < userIds.size(); i++) {
            byToken.put(tokens.get(i), i);
            byId.put(userIds.get(i), i);
        }
        for (int g = 0; g < guildIds.size(); g++) {
            guildById.put(guildIds.get(g), g);
        }
    }

    /** Reads and checks a users file. */
    public static UserDirectory load(Path file) throws UserInputException {
        if (java.nio.file.Files.isDirectory(file)) {
            throw new UserInputException("--users " + file + ": is a directory, not a users file");
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new UserInputException("--users " + file + ": no such users file (JSON: users with token, id, "
                    + "name, friends, guilds; see docs/presence.md)");
        }
        return of(ScenarioLoader.load(file, UsersFile.class));
    }

    /** The directory of a users file (checked as it was built: {@link UsersFileCheck}). */
    public static UserDirectory of(UsersFile f) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> userIds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        boolean[] intent = new boolean[f.users().size()];
        for (int i = 0; i < f.users().size(); i++) {
            UsersFile.User u = f.users().get(i);
            ids.put(u.id(), i);
            userIds.add(u.id());
            names.add(u.name() == null || u.name().isBlank() ? "user" + u.id() : u.name());
            tokens.add(u.token());
            intent[i] = u.presenceIntent() == null || u.presenceIntent();
        }
        List<String> guildIds = new ArrayList<>();
        List<String> guildNames = new ArrayList<>();
        Map<String, Integer> gIndex = new HashMap<>();
        for (UsersFile.Guild guild : f.guilds()) {
            gIndex.put(guild.id(), guildIds.size());
            guildIds.add(guild.id());
            guildNames.add(guild.name() == null ? guild.id() : guild.name());
        }
        List<int[]> pairs = new ArrayList<>();
        List<int[]> members = new ArrayList<>();
        for (int i = 0; i < f.users().size(); i++) {
            UsersFile.User u = f.users().get(i);
            for (String friend : u.friends()) {
                pairs.add(new int[] {i, ids.get(friend)});
            }
            for (String gid : u.guilds()) {
                Integer g = gIndex.get(gid);
                if (g == null) {
                    g = guildIds.size();
                    gIndex.put(gid, g);
                    guildIds.add(gid);
                    guildNames.add(gid);
                }
                members.add(new int[] {i, g});
            }
        }
        return build(userIds, names, tokens, intent, guildIds, guildNames, pairs, members);
    }

    static UserDirectory build(List<String> userIds, List<String> names, List<String> tokens, boolean[] intent,
                               List<String> guildIds, List<String> guildNames, List<int[]> pairs,
                               List<int[]> members) {
        int[] fa = new int[pairs.size()];
        int[] fb = new int[pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
            fa[k] = pairs.get(k)[0];
            fb[k] = pairs.get(k)[1];
        }
        int[] mu = new int[members.size()];
        int[] mg = new int[members.size()];
        for (int k = 0; k < members.size(); k++) {
            mu[k] = members.get(k)[0];
            mg[k] = members.get(k)[1];
        }
        SocialGraph graph = SocialGraph.of(userIds.size(), guildIds.size(), fa, fb, fa.length, mu, mg, mu.length);
        return new UserDirectory(userIds, names, tokens, intent, guildIds, guildNames, graph);
    }

    /**
     * A generated world for load runs: {@code users} users in guilds of {@code watchers + 1} members, so each
     * presence update reaches {@code watchers} other users; user i has id {@code 100000+i} and token {@code load-i}.
     */
    public static UserDirectory loadWorld(int users, int watchers) {
        int size = watchers + 1;
        return loadWorld(users, (users + size - 1) / size, i -> i / size);
    }

    /**
     * A load world of pairs for two nodes, half of them on one node: users in guilds of two, so each update reaches
     * one other user, laid out for a load generator that puts user i on node {@code i % 2} ({@code LoadConfig}). In
     * each block of four users {@code 4b .. 4b+3}, an even block pairs {@code 4b} with {@code 4b+1} and {@code 4b+2}
     * with {@code 4b+3} (the watcher on the other node), an odd block {@code 4b} with {@code 4b+2} and {@code 4b+1}
     * with {@code 4b+3} (the watcher on the same node). So one run at one rate measures a cross-node and a same-node
     * delivery side by side (issue 15's ratio), each at half the updates. Ids and tokens as {@link #loadWorld}; a
     * last incomplete block is paired as an even one (a lone last user is in a guild of its own).
     */
    public static UserDirectory loadWorldMixedPairs(int users) {
        return loadWorld(users, (users + 1) / 2, i -> mixedPairGuild(i, users));
    }

    /**
     * A load world of {@code users} users, each in the one guild {@code guildOf} gives, of {@code guilds}; user i has
     * id {@code 100000+i}, name {@code load<i>}, token {@link #loadToken}, guild g id {@code 900000+g}.
     */
    private static UserDirectory loadWorld(int users, int guilds, java.util.function.IntUnaryOperator guildOf) {
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<int[]> members = new ArrayList<>();
        List<String> gids = new ArrayList<>();
        List<String> gnames = new ArrayList<>();
        for (int g = 0; g < guilds; g++) {
            gids.add(String.valueOf(900000 + g));
            gnames.add("load-guild-" + g);
        }
        for (int i = 0; i < users; i++) {
            ids.add(String.valueOf(100000 + i));
            names.add("load" + i);
            tokens.add(loadToken(i));
            members.add(new int[] {i, guildOf.applyAsInt(i)});
        }
        boolean[] intent = new boolean[users];
        java.util.Arrays.fill(intent, true);
        return build(ids, names, tokens, intent, gids, gnames, List.of(), members);
    }

    /** The guild of user {@code i} in {@link #loadWorldMixedPairs}: two guilds per block of four. */
    static int mixedPairGuild(int i, int users) {
        int block = i / 4;
        int within = i % 4;
        boolean sameNode = block % 2 == 1 && 4 * block + 3 < users;
        int second = sameNode ? within % 2 : within / 2;
        return 2 * block + second;
    }

    /** The token of user {@code i} in {@link #loadWorld}. */
    public static String loadToken(int i) {
        return "load-" + i;
    }

    /** Every user's id and name, then every guild's id, one a line in index order: who each index is. */
    public String names() {
        StringBuilder b = new StringBuilder();
        for (int u = 0; u < users(); u++) {
            b.append(userId(u)).append(' ').append(name(u)).append('\n');
        }
        for (int g = 0; g < guilds(); g++) {
            b.append(guildId(g)).append('\n');
        }
        return b.toString();
    }

    public SocialGraph graph() {
        return graph;
    }

    public int users() {
        return userIds.size();
    }

    public Optional<Integer> userByToken(String token) {
        return Optional.ofNullable(byToken.get(token));
    }

    public Optional<Integer> userById(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Integer> guildById(String id) {
        return Optional.ofNullable(guildById.get(id));
    }

    public String userId(int user) {
        return userIds.get(user);
    }

    public String name(int user) {
        return names.get(user);
    }

    public String token(int user) {
        return tokens.get(user);
    }

    public boolean presenceIntentAllowed(int user) {
        return presenceIntent[user];
    }

    public int guilds() {
        return guildIds.size();
    }

    public String guildId(int guild) {
        return guildIds.get(guild);
    }

    public String guildName(int guild) {
        return guildNames.get(guild);
    }
}
