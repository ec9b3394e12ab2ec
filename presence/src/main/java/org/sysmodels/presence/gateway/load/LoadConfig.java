package org.sysmodels.presence.gateway.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.sysmodels.presence.gateway.client.NettyTransport;

/**
 * A load run: the gateway nodes to spread connections over (connection i goes to {@code urls[i % urls.size()]}; with
 * two or more, deliveries are timed separately for a watcher on the sender's node and on another node), how many
 * connections, how many watchers each user has (the users file must be {@code serve --load-world}'s, or the embedded
 * one), presence updates per second in all, how long to hold the load, how fast to open connections, and the socket transport ({@link NettyTransport}).
 */
public record LoadConfig(List<URI> urls, int connections, int watchers, double updatesPerSecond, Duration duration,
                         Duration heartbeatInterval, int openInFlight, int ioThreads, int first,
                         NettyTransport transport) {

    public LoadConfig {
        urls = List.copyOf(urls);
        java.util.Objects.requireNonNull(transport, "transport");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no gateway URL");
        }
        if (first < 0) {
            throw new IllegalArgumentException("first connection " + first + " < 0");
        }
    }

    /** Connections 0 .. connections - 1 of the load world. */
    public LoadConfig(List<URI> urls, int connections, int watchers, double updatesPerSecond, Duration duration,
                      Duration heartbeatInterval, int openInFlight, int ioThreads) {
        this(urls, connections, watchers, updatesPerSecond, duration, heartbeatInterval, openInFlight, ioThreads, 0,
                NettyTransport.auto());
    }

    /**
     * This load as one part of several processes' (one process may hold only RLIMIT_NOFILE sockets): connections
     * {@code first .. first + connections - 1} of the load world (users of those numbers).
     */
    public LoadConfig part(int first, int connections, double updatesPerSecond) {
        return new LoadConfig(urls, connections, watchers, updatesPerSecond, duration, heartbeatInterval, openInFlight,
                ioThreads, first, transport);
    }

    /** One gateway node. */
    public LoadConfig(URI url, int connections, int watchers, double updatesPerSecond, Duration duration,
                      Duration heartbeatInterval, int openInFlight, int ioThreads) {
        this(List.of(url), connections, watchers, updatesPerSecond, duration, heartbeatInterval, openInFlight,
                ioThreads);
    }

    /** The node connection {@code i} (user i of the load world) goes to. */
    public int nodeOf(int connection) {
        return connection % urls.size();
    }

    /** With this socket transport. */
    public LoadConfig withTransport(NettyTransport t) {
        return new LoadConfig(urls, connections, watchers, updatesPerSecond, duration, heartbeatInterval, openInFlight,
                ioThreads, first, t);
    }
}
