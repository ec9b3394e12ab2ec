package org.sysmodels.presence.cluster.redis;

import org.sysmodels.presence.model.expiry.ExpiryQueue;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * The node's deadline queue, for its own sessions only. The node's replica of the cluster holds every session, but a
 * session held by another node is kept alive by that node and Redis (its key's TTL), not by this node's clock: its
 * deadlines are dropped here (and a session that moves away loses the one it had).
 */
final class LocalExpiry implements ExpiryQueue {

    private final ExpiryQueue wheel;
    private final PresenceStore store;
    private final int remoteNode;

    LocalExpiry(ExpiryQueue wheel, PresenceStore store, int remoteNode) {
        this.wheel = wheel;
        this.store = store;
        this.remoteNode = remoteNode;
    }

    private boolean remote(int id) {
        return store.isOpen(id) && store.node(id) == remoteNode;
    }

    @Override
    public void schedule(int id, long deadline) {
        if (remote(id)) {
            wheel.cancel(id);
        } else {
            wheel.schedule(id, deadline);
        }
    }

    @Override
    public void extend(int id, long deadline) {
        if (!remote(id)) {
            wheel.extend(id, deadline);
        }
    }

    @Override
    public void cancel(int id) {
        wheel.cancel(id);
    }

    @Override
    public boolean isScheduled(int id) {
        return wheel.isScheduled(id);
    }

    @Override
    public long deadline(int id) {
        return wheel.deadline(id);
    }

    @Override
    public int size() {
        return wheel.size();
    }

    @Override
    public int advance(long now, Listener listener) {
        return wheel.advance(now, listener);
    }

    @Override
    public long work() {
        return wheel.work();
    }
}
