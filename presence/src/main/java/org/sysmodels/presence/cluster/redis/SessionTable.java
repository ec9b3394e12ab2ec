package org.sysmodels.presence.cluster.redis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * What a node keeps about each session of its replica besides the presence core's state: the cluster-wide session id
 * (the key of its record in Redis), its generation (one more each time another node takes it over), the intents of
 * its Identify that the cluster carries ({@link SessionFlags}), and the resynchronisation round in which it was last confirmed. Slots are the replica's
 * session ids; a session is local when its store node is one of this node's, remote otherwise. Presence thread only.
 */
final class SessionTable implements StateBytes.Ids {

    private static final int ENDED_REMEMBERED = 65_536;

    private final PresenceStore store;
    private final int remoteNode;
    private String[] sid = new String[16];
    /** Each session id's UTF-8 bytes (its record's key and its head in a write call are built from them). */
    private byte[][] sidUtf8 = new byte[16][];
    private long[] gen = new long[16];
    private byte[] flags = new byte[16];
    private int[] confirmed = new int[16];
    private final Map<String, Integer> bySid = new HashMap<>();
    /**
     * The slots again, by their ids' UTF-8 bytes (open addressing, linear probing; 0 free, -1 removed, else slot + 1),
     * so that a log entry's session id is found in the entry's bytes without decoding it ({@link #known}). Ids
     * holding a surrogate are left out: their UTF-8 does not decode back to them.
     */
    private int[] byBytes = new int[64];
    /** Entries of {@link #byBytes} not free: slots and removed marks (at most half, so a probe always ends). */
    private int byBytesUsed;
    /**
     * Sessions this node has seen end, with their generation, so that a late entry from an older holder (its detach,
     * written before the session moved here and ended) does not bring the session back as a remote one. Entries
     * arrive late by the log's read lag at most, so the most recent ones suffice.
     */
    private final Map<String, Long> endedGen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > ENDED_REMEMBERED;
        }
    };

    SessionTable(PresenceStore store, int remoteNode) {
        this.store = store;
        this.remoteNode = remoteNode;
    }

    /** Slot {@code s} is session {@code id} of generation {@code g} with {@code f}, confirmed in {@code round}. */
    void bind(int s, String id, long g, int f, int round) {
        if (s >= sid.length) {
            int n = Math.max(sid.length * 2, s + 1);
            sid = Arrays.copyOf(sid, n);
            sidUtf8 = Arrays.copyOf(sidUtf8, n);
            gen = Arrays.copyOf(gen, n);
            flags = Arrays.copyOf(flags, n);
            confirmed = Arrays.copyOf(confirmed, n);
        }
        if (!id.equals(sid[s]) || sidUtf8[s] == null) {
            unindex(s);
            sidUtf8[s] = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            sid[s] = id;
            index(s);
        }
        sid[s] = id;
        gen[s] = g;
        flags[s] = (byte) f;
        confirmed[s] = round;
        bySid.put(id, s);
    }

    /** The slot of session {@code id}, or null if the replica does not have it. */
    Integer slot(String id) {
        return bySid.get(id);
    }

    boolean knows(String id) {
        return bySid.containsKey(id);
    }

    String id(int s) {
        return sid[s];
    }

    /**
     * The id of the session this replica has whose id is the UTF-8 in {@code b} from {@code off} for {@code len}
     * bytes, or null (then the caller decodes it: the replica does not have it, or its id holds a surrogate).
     */
    @Override
    public String known(byte[] b, int off, int len) {
        int mask = byBytes.length - 1;
        for (int i = hash(b, off, len) & mask; ; i = (i + 1) & mask) {
            int e = byBytes[i];
            if (e == 0) {
                return null;
            }
            if (e > 0) {
                byte[] id = sidUtf8[e - 1];
                if (id != null && Arrays.equals(id, 0, id.length, b, off, off + len)) {
                    return sid[e - 1];
                }
            }
        }
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }

    private static boolean roundTrips(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (Character.isSurrogate(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void index(int s) {
        if (sid[s] == null || !roundTrips(sid[s])) {
            return;
        }
        if (2 * (byBytesUsed + 1) > byBytes.length) {
            rehash();
        }
        byte[] id = sidUtf8[s];
        int mask = byBytes.length - 1;
        int i = hash(id, 0, id.length) & mask;
        while (byBytes[i] != 0) {
            i = (i + 1) & mask;
        }
        byBytes[i] = s + 1;
        byBytesUsed++;
    }

    private void unindex(int s) {
        if (sid[s] == null || sidUtf8[s] == null) {
            return;
        }
        byte[] id = sidUtf8[s];
        int mask = byBytes.length - 1;
        for (int i = hash(id, 0, id.length) & mask; byBytes[i] != 0; i = (i + 1) & mask) {
            if (byBytes[i] == s + 1) {
                byBytes[i] = -1;    // removed (still counted in byBytesUsed until the next rehash)
                return;
            }
        }
    }

    /** The size of the by-bytes index's table (free, live and removed entries): for tests of its bound. */
    int indexCapacity() {
        return byBytes.length;
    }

    /**
     * A new table holding the indexed slots without removed marks, sized by the slots it holds (at most a quarter
     * full with the one being added), not by the old table: under churn the removed marks fill a table while the
     * slots held stay as many, and doubling at every rehash would grow it with every session ever bound.
     */
    private void rehash() {
        int[] old = byBytes;
        int live = 0;
        for (int e : old) {
            if (e > 0) {
                live++;
            }
        }
        byBytes = new int[Math.max(Integer.highestOneBit(4 * (live + 1) - 1) << 1, 64)];
        byBytesUsed = 0;
        int mask = byBytes.length - 1;
        for (int e : old) {
            if (e > 0) {
                byte[] id = sidUtf8[e - 1];
                int i = hash(id, 0, id.length) & mask;
                while (byBytes[i] != 0) {
                    i = (i + 1) & mask;
                }
                byBytes[i] = e;
                byBytesUsed++;
            }
        }
    }

    /** Session {@code s}'s id in UTF-8. */
    byte[] idUtf8(int s) {
        return sidUtf8[s];
    }

    long gen(int s) {
        return gen[s];
    }

    void gen(int s, long g) {
        gen[s] = g;
    }

    /** Session {@code s}'s {@link SessionFlags}. */
    int flags(int s) {
        return Byte.toUnsignedInt(flags[s]);
    }

    void flags(int s, int f) {
        flags[s] = (byte) f;
    }

    boolean guildPresences(int s) {
        return SessionFlags.guildPresences(flags(s));
    }

    void confirm(int s, int round) {
        confirmed[s] = round;
    }

    boolean confirmedIn(int s, int round) {
        return confirmed[s] == round;
    }

    /** True if this node holds session {@code s} (its connection is, or was, here). */
    boolean local(int s) {
        return store.node(s) != remoteNode;
    }

    /** The slot's session ended: forgets it, remembering its generation ({@link #endedGen}). @return its id */
    String forget(int s) {
        String id = sid[s];
        if (id != null) {
            bySid.remove(id);
            endedGen.put(id, gen[s]);
            unindex(s);
            sid[s] = null;
            sidUtf8[s] = null;
        }
        return id;
    }

    /** The generation session {@code id} had when it ended here, or null. */
    Long endedGen(String id) {
        return endedGen.get(id);
    }

    /** The slots of sessions held here ({@code local}) or elsewhere, in no particular order. */
    List<Integer> slots(boolean local) {
        List<Integer> out = new ArrayList<>();
        bySid.values().forEach(s -> {
            if (local(s) == local) {
                out.add(s);
            }
        });
        return out;
    }

    /** Sessions ids the replica has, mapped to their slots (read only). */
    Map<String, Integer> byId() {
        return java.util.Collections.unmodifiableMap(bySid);
    }
}
