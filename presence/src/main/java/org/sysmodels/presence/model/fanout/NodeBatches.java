package org.sysmodels.presence.model.fanout;

import java.util.Arrays;

/**
 * The recipients of one change grouped by destination node (Manifold's {@code Manifold.send/2}: group pids by node,
 * one message per node). Per-node int buffers are kept and reused, so grouping allocates nothing once they have grown
 * to the largest fan-out seen.
 */
public final class NodeBatches {

    private int[][] sessions;
    private int[][] via;
    private int[] count;
    private int[] touched;           // nodes with a non-empty batch, in first-touch order
    private int touchedCount;

    public NodeBatches(int nodes) {
        int n = Math.max(1, nodes);
        sessions = new int[n][16];
        via = new int[n][16];
        count = new int[n];
        touched = new int[n];
    }

    public void add(int node, int session, int viaGuild) {
        if (node >= count.length) {
            growNodes(node + 1);
        }
        int c = count[node];
        if (c == 0) {
            touched[touchedCount++] = node;
        }
        if (c == sessions[node].length) {
            sessions[node] = Arrays.copyOf(sessions[node], c * 2);
            via[node] = Arrays.copyOf(via[node], c * 2);
        }
        sessions[node][c] = session;
        via[node][c] = viaGuild;
        count[node] = c + 1;
    }

    /** Nodes with recipients, in the order they were first added. */
    public int nodes() {
        return touchedCount;
    }

    public int node(int i) {
        return touched[i];
    }

    public int[] sessions(int node) {
        return sessions[node];
    }

    public int[] via(int node) {
        return via[node];
    }

    public int count(int node) {
        return count[node];
    }

    /** Empties every batch (keeps the buffers). */
    public void clear() {
        for (int i = 0; i < touchedCount; i++) {
            count[touched[i]] = 0;
        }
        touchedCount = 0;
    }

    private void growNodes(int n) {
        int old = count.length;
        sessions = Arrays.copyOf(sessions, n);
        via = Arrays.copyOf(via, n);
        for (int i = old; i < n; i++) {
            sessions[i] = new int[16];
            via[i] = new int[16];
        }
        count = Arrays.copyOf(count, n);
        touched = Arrays.copyOf(touched, n);
    }
}
