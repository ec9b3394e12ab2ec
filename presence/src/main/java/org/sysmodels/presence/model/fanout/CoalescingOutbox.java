package org.sysmodels.presence.model.fanout;

import java.util.Arrays;
import org.sysmodels.presence.model.presence.Presence;

/**
 * Watch semantics for one subscriber: at most one pending presence per user, replaced in place when a newer version
 * arrives, sent in the order users first became pending. A FIFO ring of entries plus an open-addressing index
 * (user → ring position, linear probing with backward-shift deletion), both primitive arrays that grow to the number
 * of distinct users pending and are then reused: an offer or a poll allocates nothing.
 */
public final class CoalescingOutbox implements Outbox {

    private static final int EMPTY = -1;

    private Presence[] ring;
    private int[] vias;
    private int polledVia = -1;
    private long head;               // sequence number of the oldest entry
    private long tail;               // sequence number of the next entry

    private int[] keys;              // user, or EMPTY
    private long[] slots;            // the entry's sequence number

    public CoalescingOutbox() {
        this(4);
    }

    public CoalescingOutbox(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected - 1)) << 1;
        ring = new Presence[cap];
        vias = new int[cap];
        keys = new int[cap * 2];
        Arrays.fill(keys, EMPTY);
        slots = new long[cap * 2];
    }

    @Override
    public void offer(Presence p, int via) {
        int i = find(p.user());
        if (i != EMPTY) {
            int pos = (int) (slots[i] & (ring.length - 1));
            if (ring[pos].version() < p.version()) {
                ring[pos] = p;
                vias[pos] = via;
            }
            return;
        }
        if (tail - head == ring.length) {
            growRing();
        }
        if ((tail - head + 1) * 2 > keys.length) {
            growIndex();
        }
        ring[(int) (tail & (ring.length - 1))] = p;
        vias[(int) (tail & (ring.length - 1))] = via;
        insert(p.user(), tail);
        tail++;
    }

    @Override
    public Presence poll() {
        if (head == tail) {
            return null;
        }
        int pos = (int) (head & (ring.length - 1));
        Presence p = ring[pos];
        ring[pos] = null;
        polledVia = vias[pos];
        head++;
        remove(p.user());
        return p;
    }

    @Override
    public int polledVia() {
        return polledVia;
    }

    @Override
    public int size() {
        return (int) (tail - head);
    }

    @Override
    public int pendingFor(int user) {
        return find(user) == EMPTY ? 0 : 1;
    }

    @Override
    public void clear() {
        while (poll() != null) {
            // drop
        }
    }

    private static int hash(int user, int mask) {
        return (user * 0x9E3779B1) >>> 7 & mask;
    }

    /** The index slot of {@code user}, or EMPTY. */
    private int find(int user) {
        int mask = keys.length - 1;
        for (int i = hash(user, mask); ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == user) {
                return i;
            }
            if (k == EMPTY) {
                return EMPTY;
            }
        }
    }

    private void insert(int user, long seq) {
        int mask = keys.length - 1;
        int i = hash(user, mask);
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = user;
        slots[i] = seq;
    }

    /** Linear-probing deletion by backward shift (Knuth, TAOCP vol. 3, 6.4 Algorithm R): no tombstones. */
    private void remove(int user) {
        int mask = keys.length - 1;
        int i = find(user);
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            int k = keys[j];
            if (k == EMPTY) {
                break;
            }
            int home = hash(k, mask);
            // move k back into the hole at i unless its home lies cyclically in (i, j]
            boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!stays) {
                keys[i] = k;
                slots[i] = slots[j];
                i = j;
            }
        }
        keys[i] = EMPTY;
    }

    private void growRing() {
        Presence[] bigger = new Presence[ring.length * 2];
        int[] biggerVias = new int[bigger.length];
        for (long s = head; s < tail; s++) {
            bigger[(int) (s & (bigger.length - 1))] = ring[(int) (s & (ring.length - 1))];
            biggerVias[(int) (s & (bigger.length - 1))] = vias[(int) (s & (ring.length - 1))];
        }
        ring = bigger;
        vias = biggerVias;
    }

    private void growIndex() {
        int[] oldKeys = keys;
        long[] oldSlots = slots;
        keys = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        slots = new long[keys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                insert(oldKeys[i], oldSlots[i]);
            }
        }
    }
}
