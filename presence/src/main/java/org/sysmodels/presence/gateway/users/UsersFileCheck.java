package org.sysmodels.presence.gateway.users;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.presence.gateway.protocol.Snowflake;

/**
 * What a {@link UsersFile} must hold across its entries: at least one user, each with an id and a token, ids and
 * tokens unique, every id (user or guild) a snowflake, every friend a user of the file and not the user itself,
 * every guild listed once. Each fault is an
 * {@link InvalidFieldException} naming the entry at fault ({@code users[1].id}), which the loader turns into a
 * {@code file:line:col} problem at that value.
 */
final class UsersFileCheck {

    private UsersFileCheck() {
    }

    /** An id as Discord writes one: a {@link Snowflake}. */
    private static void snowflake(String field, String id) {
        if (!Snowflake.is(id)) {
            throw new InvalidFieldException(field, "\"" + id + "\" is not a snowflake (a string of digits, e.g. "
                    + "\"1001\")");
        }
    }

    static void check(List<UsersFile.User> users, List<UsersFile.Guild> guilds) {
        if (users.isEmpty()) {
            throw new InvalidFieldException("users", "the file names no user; each needs id and token (name is optional: "
                    + "user<id> when left out)");
        }
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> tokens = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            UsersFile.User u = users.get(i);
            String at = "users[" + i + "]";
            if (u.id() == null || u.id().isBlank()) {
                throw new InvalidFieldException(at + ".id", "required (a snowflake, e.g. \"1001\")");
            }
            snowflake(at + ".id", u.id());
            if (u.token() == null || u.token().isBlank()) {
                throw new InvalidFieldException(at + ".token", "required (the secret this user identifies with)");
            }
            Integer first = ids.putIfAbsent(u.id(), i);
            if (first != null) {
                throw new InvalidFieldException(at + ".id", "\"" + u.id() + "\" is used by users[" + first
                        + "] already; ids must be unique");
            }
            first = tokens.putIfAbsent(u.token(), i);
            if (first != null) {
                throw new InvalidFieldException(at + ".token", "users[" + first + "] has the same token; tokens "
                        + "must be unique");
            }
        }
        for (int i = 0; i < users.size(); i++) {
            List<String> guildRefs = users.get(i).guilds();
            for (int k = 0; k < guildRefs.size(); k++) {
                snowflake("users[" + i + "].guilds[" + k + "]", guildRefs.get(k));
            }
            List<String> friends = users.get(i).friends();
            for (int k = 0; k < friends.size(); k++) {
                Integer j = ids.get(friends.get(k));
                String at = "users[" + i + "].friends[" + k + "]";
                if (j == null) {
                    throw new InvalidFieldException(at, "no user has id \"" + friends.get(k) + "\"");
                }
                if (j == i) {
                    throw new InvalidFieldException(at, "a user cannot be their own friend");
                }
            }
        }
        Set<String> guildIds = new HashSet<>();
        for (int g = 0; g < guilds.size(); g++) {
            String id = guilds.get(g).id();
            if (id == null || id.isBlank()) {
                throw new InvalidFieldException("guilds[" + g + "].id", "required (a snowflake, e.g. \"9001\")");
            }
            snowflake("guilds[" + g + "].id", id);
            if (!guildIds.add(id)) {
                throw new InvalidFieldException("guilds[" + g + "].id", "\"" + id + "\" is listed twice");
            }
        }
    }
}
