package org.sysmodels.presence.cluster.redis;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * A digest of a node's world (users, relationships, guild memberships, and the ids and names its indexes stand for),
 * so nodes started with different users files refuse to share a cluster: log entries name users by index, and an index
 * means the same user only in the same world, even between two files of the same shape. It ends with the version of the log's layouts ({@link StateBytes#VERSION}), so a node of another version
 * refuses too instead of skipping every entry as malformed (a node from before version 2 has no such suffix).
 */
final class World {

    private World() {
    }

    static String digest(PresenceStore store, String names) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        put(md, b, store.userCount());
        put(md, b, store.guildCount());
        for (int u = 0; u < store.userCount(); u++) {
            put(md, b, store.friendCount(u));
            for (int i = 0; i < store.friendCount(u); i++) {
                put(md, b, store.friend(u, i));
            }
            put(md, b, store.membershipCount(u));
            for (int i = 0; i < store.membershipCount(u); i++) {
                put(md, b, store.guildOf(u, i));
            }
        }
        b.flip();
        md.update(b);
        md.update(names.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return store.userCount() + " users/" + HexFormat.of().formatHex(md.digest(), 0, 12) + "/log v"
                + StateBytes.VERSION;
    }

    /** Why a node of world {@code mine} cannot join a cluster whose {@code {pres}:world} holds {@code theirs}. */
    static String mismatch(String theirs, String mine) {
        String version = mine.substring(mine.lastIndexOf('/') + 1);
        if (!theirs.contains("/log v")) {
            return "Redis holds an older version's cluster: " + Keys.WORLD + " has " + theirs + ", with no log "
                    + "layout, this node's layout is " + version + "; its records and log cannot be read here: "
                    + "stop its nodes and delete the {pres} keys (or use another Redis)";
        }
        if (!theirs.endsWith("/" + version)) {
            return "Redis holds a cluster of another version: " + Keys.WORLD + " has " + theirs + ", this node "
                    + mine + "; start every node with the same version of sysmodels (the log's layout, after the "
                    + "last /), or delete the {pres} keys when none of the other version runs";
        }
        return "the cluster serves another world (users file): " + Keys.WORLD + " has " + theirs + ", this node "
                + mine + "; start every node with the same --users or --load-world and --watchers";
    }

    private static void put(MessageDigest md, ByteBuffer b, int v) {
        if (b.remaining() < 4) {
            b.flip();
            md.update(b);
            b.clear();
        }
        b.putInt(v);
    }
}
