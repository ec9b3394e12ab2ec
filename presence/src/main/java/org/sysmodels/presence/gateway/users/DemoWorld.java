package org.sysmodels.presence.gateway.users;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The world {@code sim presence serve} creates when no users file is given: eight computer scientists, each friends
 * with the next two round the table, in two guilds of five. Tokens are printed at start ({@code demo-<name>}); they
 * are for a demo on loopback, not secrets.
 */
public final class DemoWorld {

    public static final List<String> NAMES = List.of("ada", "grace", "edsger", "barbara", "donald", "frances",
            "ken", "margaret");

    private DemoWorld() {
    }

    /** /demo.json: the demo users' names, ids and tokens, for the page's login list. */
    public static String json(UserDirectory users) {
        return org.sysmodels.presence.gateway.protocol.Payloads.json(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("users");
            for (int u = 0; u < users.users(); u++) {
                g.writeStartObject();
                g.writeStringField("id", users.userId(u));
                g.writeStringField("name", users.name(u));
                g.writeStringField("token", users.token(u));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    public static UserDirectory create() {
        int n = NAMES.size();
        List<String> ids = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<int[]> pairs = new ArrayList<>();
        List<int[]> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.valueOf(1001 + i));
            tokens.add("demo-" + NAMES.get(i));
            pairs.add(new int[] {i, (i + 1) % n});
            pairs.add(new int[] {i, (i + 2) % n});
            if (i < 5) {
                members.add(new int[] {i, 0});
            }
            if (i >= 3) {
                members.add(new int[] {i, 1});
            }
        }
        boolean[] intent = new boolean[n];
        Arrays.fill(intent, true);
        return UserDirectory.build(ids, NAMES, tokens, intent, List.of("9001", "9002"),
                List.of("compilers", "operating-systems"), pairs, members);
    }
}
