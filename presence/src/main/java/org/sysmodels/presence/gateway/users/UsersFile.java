package org.sysmodels.presence.gateway.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.sysmodels.core.scenario.InvalidFieldException;

/**
 * The users file of {@code sim presence serve --users FILE}: who may connect (each user's token), their friends and
 * their guilds. JSON, read strictly (unknown fields are errors, each reported as {@code file:line:column: field:
 * message}):
 * <pre>{@code
 * {
 *   "users": [
 *     {"id": "1001", "name": "ada",   "token": "secret-ada",   "friends": ["1002"], "guilds": ["9001"]},
 *     {"id": "1002", "name": "grace", "token": "secret-grace", "friends": [],       "guilds": ["9001"],
 *      "presence_intent": false}
 *   ],
 *   "guilds": [{"id": "9001", "name": "compilers"}]
 * }
 * }</pre>
 * Friendship is mutual (listing it on either side is enough). A guild named by a user but absent from
 * {@code guilds} is created with its id as its name. {@code presence_intent} (default true) says whether the user may
 * ask for the privileged GUILD_PRESENCES intent (false: such an Identify closes with 4014).
 */
public record UsersFile(List<User> users, List<Guild> guilds) {

    public UsersFile {
        users = copy(users, "users", "a user {id, name, token, ...}");
        guilds = copy(guilds, "guilds", "a guild {id, name}");
        UsersFileCheck.check(users, guilds);
    }

    /** A copy of a list from the file (absent: empty); a null in it is an error at its place, e.g. friends[2]. */
    static <T> List<T> copy(List<T> list, String field, String expected) {
        if (list == null) {
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new InvalidFieldException(field + "[" + i + "]", "null; expected " + expected);
            }
        }
        return List.copyOf(list);
    }

    /** One user. */
    public record User(@JsonDeserialize(using = TextOnly.class) String id,
                       @JsonDeserialize(using = TextOnly.class) String name,
                       @JsonDeserialize(using = TextOnly.class) String token,
                       @JsonDeserialize(contentUsing = TextOnly.class) List<String> friends,
                       @JsonDeserialize(contentUsing = TextOnly.class) List<String> guilds,
                       @JsonProperty("presence_intent") Boolean presenceIntent) {

        public User {
            friends = copy(friends, "friends", "a user id (a string)");
            guilds = copy(guilds, "guilds", "a guild id (a string)");
        }
    }

    /** One guild. */
    public record Guild(@JsonDeserialize(using = TextOnly.class) String id,
                        @JsonDeserialize(using = TextOnly.class) String name) {
    }
}
