package org.sysmodels.presence.cluster;

import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.sysmodels.presence.model.cluster.NodeSink;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.core.Timeouts;
import org.sysmodels.presence.model.expiry.ExpiryQueue;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * What a gateway node gives the presence backend it joins.
 *
 * @param store      users, relationships and guilds (loaded), and room for sessions
 * @param timeouts   heartbeat interval, grace, resume window
 * @param expiry     the node's deadline queue (a timing wheel ticking with the node's clock)
 * @param sink       where fan-out for this node's sessions goes (the gateway's presence engine)
 * @param observer   checks, traces, metrics
 * @param localNodes this node's fan-out nodes are {@code 0..localNodes-1} (its I/O event loops)
 * @param owner      the one thread that calls the backend and that the backend calls back on
 * @param clock      the node's monotonic clock in ns (the {@code now} it passes)
 * @param names      the world's outside names for its indexes (user ids and names, guild ids, in index order, one
 *                   a line): nodes agree on a world only if they agree on who index i is, not just on its shape
 */
public record ClusterParts(PresenceStore store, Timeouts timeouts, ExpiryQueue expiry, NodeSink sink,
                           PresenceObserver observer, int localNodes, Executor owner, LongSupplier clock,
                           String names) {

    /** Parts of a world whose indexes have no outside names (tests). */
    public ClusterParts(PresenceStore store, Timeouts timeouts, ExpiryQueue expiry, NodeSink sink,
                        PresenceObserver observer, int localNodes, Executor owner, LongSupplier clock) {
        this(store, timeouts, expiry, sink, observer, localNodes, owner, clock, "");
    }
}
