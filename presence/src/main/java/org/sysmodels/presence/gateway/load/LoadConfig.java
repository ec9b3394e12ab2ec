package org.sysmodels.presence.gateway.load;

import java.net.URI;
import java.time.Duration;

/**
 * A load run: where the gateway is (null: start one in this process on loopback), how many connections, how many
 * watchers each user has (the users file must be {@code serve --load-world}'s, or the embedded one), presence updates
 * per second in all, how long to hold the load, and how fast to open connections.
 */
public record LoadConfig(URI url, int connections, int watchers, double updatesPerSecond, Duration duration,
                         Duration heartbeatInterval, int openInFlight, int ioThreads) {
}
