package org.sysmodels.presence.cluster;

import org.sysmodels.presence.model.aggregate.StatusPrecedence;
import org.sysmodels.presence.model.cluster.ClusterBackend;
import org.sysmodels.presence.model.core.PresenceCore;

/**
 * How a gateway node joins a presence cluster. {@link #IN_PROCESS}, the default, is one node holding everything in a
 * {@link PresenceCore}; {@code org.sysmodels.presence.cluster.redis.RedisCluster} shares presence between nodes
 * through Redis. A backend that holds connections is {@link AutoCloseable} and is closed with the node; one that
 * can tell its state is a {@link ClusterReport}.
 */
@FunctionalInterface
public interface ClusterFactory {

    ClusterFactory IN_PROCESS = p -> new PresenceCore(p.store(), new StatusPrecedence(), p.expiry(), p.timeouts(),
            p.sink(), p.observer());

    /** Joins (may block while it connects; fails with an {@link IllegalStateException} saying why). */
    ClusterBackend create(ClusterParts parts);
}
