package org.sysmodels.presence.run;

import java.util.Arrays;
import org.sysmodels.presence.model.presence.Presence;

/**
 * The node messages on their way to each gateway node, first in first out per node, in preallocated arrays: a
 * message is a presence, its recipients (session and the guild it came through, as ints side by side) and the
 * opening count when it left. A node's messages arrive in the order they were sent (the backbone is one ordered link
 * per node, and the scheduler keeps ties in insertion order), so the scheduler event of a message needs to carry only
 * the node: the message is the head of that node's queue. Nothing is allocated once the arrays have grown to the
 * most messages and recipients in flight to one node.
 */
final class NodeMessages {

    private final Node[] nodes;

    /** The head message taken by {@link #take}: its recipients side by side from index 0. */
    private int[] sessions = new int[64];
    private int[] via = new int[64];
    private int count;
    private Presence presence;
    private long stamp;

    NodeMessages(int nodeCount) {
        nodes = new Node[Math.max(1, nodeCount)];
        for (int n = 0; n < nodes.length; n++) {
            nodes[n] = new Node();
        }
    }

    /** Queues a message to {@code node}: {@code sessions[0..count)} and their {@code via}, sent with {@code stamp}. */
    void add(int node, Presence p, int[] sessions, int[] via, int count, long stamp) {
        nodes[node].add(p, sessions, via, count, stamp);
    }

    /** Takes the oldest message to {@code node}; read it with {@link #presence}, {@link #sessions} and the rest. */
    void take(int node) {
        Node q = nodes[node];
        int i = q.head;
        presence = q.presences[i];
        q.presences[i] = null;
        stamp = q.stamps[i];
        count = q.counts[i];
        if (count > sessions.length) {
            sessions = new int[Math.max(count, 2 * sessions.length)];
            via = new int[sessions.length];
        }
        int from = q.first;
        for (int k = 0; k < count; k++) {
            sessions[k] = q.recipients[from + 2 * k];
            via[k] = q.recipients[from + 2 * k + 1];
        }
        q.first = from + 2 * count;
        q.head = i + 1 == q.presences.length ? 0 : i + 1;
        if (--q.size == 0) {
            q.first = 0;
            q.end = 0;
        }
    }

    Presence presence() {
        return presence;
    }

    int[] sessions() {
        return sessions;
    }

    int[] via() {
        return via;
    }

    int count() {
        return count;
    }

    long stamp() {
        return stamp;
    }

    /**
     * One node's queue: a ring of messages, and their recipients in one int array filled from the front, emptied
     * from the front, and reset when the queue empties (moved down when it would run out of room).
     */
    private static final class Node {
        Presence[] presences = new Presence[16];
        long[] stamps = new long[16];
        int[] counts = new int[16];
        int head;
        int size;
        int[] recipients = new int[1024];
        int first;
        int end;

        void add(Presence p, int[] s, int[] v, int n, long stamp) {
            if (size == presences.length) {
                growMessages();
            }
            int i = head + size;
            if (i >= presences.length) {
                i -= presences.length;
            }
            presences[i] = p;
            stamps[i] = stamp;
            counts[i] = n;
            size++;
            if (end + 2 * n > recipients.length) {
                makeRoom(2 * n);
            }
            int e = end;
            for (int k = 0; k < n; k++) {
                recipients[e + 2 * k] = s[k];
                recipients[e + 2 * k + 1] = v[k];
            }
            end = e + 2 * n;
        }

        private void growMessages() {
            int n = presences.length;
            Presence[] p = new Presence[2 * n];
            long[] st = new long[2 * n];
            int[] c = new int[2 * n];
            for (int k = 0; k < size; k++) {
                int j = head + k < n ? head + k : head + k - n;
                p[k] = presences[j];
                st[k] = stamps[j];
                c[k] = counts[j];
            }
            presences = p;
            stamps = st;
            counts = c;
            head = 0;
        }

        private void makeRoom(int more) {
            int live = end - first;
            if (live + more > recipients.length / 2) {
                recipients = Arrays.copyOf(recipients, Math.max(2 * recipients.length, 2 * (live + more)));
            }
            System.arraycopy(recipients, first, recipients, 0, live);
            first = 0;
            end = live;
        }
    }
}
