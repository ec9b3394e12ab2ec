package org.sysmodels.presence.gateway;

/**
 * One change's PRESENCE_UPDATE dispatches for the connections of one event loop: per connection the encoded body
 * ({@code d}, shared by every session that sees the same fields) and the session's {@code s}. The engine queues one of
 * these per node per change, not one item per delivery; the event loop writes each frame into a pooled buffer
 * ({@link GatewayConnection#writePresence}), so a delivery allocates no array of its own.
 */
final class PresenceFrames {

    final NodeOutbound outbound;
    private GatewayConnection[] connections;
    private byte[][] bodies;
    private long[] seqs;
    private int count;

    PresenceFrames(NodeOutbound outbound, int capacity) {
        this.outbound = outbound;
        this.connections = new GatewayConnection[capacity];
        this.bodies = new byte[capacity][];
        this.seqs = new long[capacity];
    }

    void add(GatewayConnection c, byte[] body, long seq) {
        if (count == seqs.length) {
            int n = Math.max(4, 2 * count);
            connections = java.util.Arrays.copyOf(connections, n);
            bodies = java.util.Arrays.copyOf(bodies, n);
            seqs = java.util.Arrays.copyOf(seqs, n);
        }
        connections[count] = c;
        bodies[count] = body;
        seqs[count] = seq;
        count++;
    }

    int count() {
        return count;
    }

    GatewayConnection connection(int i) {
        return connections[i];
    }

    byte[] body(int i) {
        return bodies[i];
    }

    long seq(int i) {
        return seqs[i];
    }
}
