package org.sysmodels.presence.gateway;

import java.time.Duration;
import org.sysmodels.presence.gateway.client.NettyTransport;

/**
 * How a gateway runs: where it listens (loopback by default), the heartbeat interval it announces in Hello, the grace
 * past it, the resume window, how long a connection may wait before identifying, the rate limit (Discord: 120 events
 * per 60 s), Identify's concurrency limit (per token, per 5 s), the replay ring per session, the expiry tick, and how
 * many I/O event loops (each is a "node" of the fan-out), and whether the listening socket sets {@code SO_REUSEPORT}
 * (several gateway processes on one port, the kernel spreading connections over them: Linux socket(7); they share
 * presence through a cluster backend), and the socket transport ({@link NettyTransport}: io_uring, epoll or NIO).
 */
public record GatewayConfig(String host, int port, Duration heartbeatInterval, Duration grace, Duration resumeWindow,
                            Duration identifyTimeout, int rateLimit, Duration rateWindow, int identifyConcurrency,
                            int replayCapacity, Duration tick, int ioThreads, boolean reusePort,
                            NettyTransport transport) {

    public GatewayConfig {
        java.util.Objects.requireNonNull(transport, "transport");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 0 to 65535");
        }
        if (heartbeatInterval.toMillis() < 1 || rateLimit < 1 || identifyConcurrency < 1 || replayCapacity < 1
                || ioThreads < 1 || tick.toMillis() < 1) {
            throw new IllegalArgumentException("intervals, limits and thread counts must be positive");
        }
    }

    /** Discord's figures where the docs give them (45 s heartbeats, 120 events per 60 s), loopback, any free port. */
    public static GatewayConfig defaults() {
        return new GatewayConfig("127.0.0.1", 0, Duration.ofSeconds(45), Duration.ofMillis(22_500),
                Duration.ofMinutes(3), Duration.ofSeconds(20), 120, Duration.ofSeconds(60), 16, 256,
                Duration.ofMillis(100), Math.max(1, Runtime.getRuntime().availableProcessors()), false,
                NettyTransport.auto());
    }

    public GatewayConfig withPort(int p) {
        return new GatewayConfig(host, p, heartbeatInterval, grace, resumeWindow, identifyTimeout, rateLimit,
                rateWindow, identifyConcurrency, replayCapacity, tick, ioThreads, reusePort, transport);
    }

    /** A heartbeat interval, with half of it as grace and an expiry tick a tenth of it (at most 100 ms). */
    public GatewayConfig withHeartbeat(Duration interval) {
        Duration t = Duration.ofMillis(Math.max(1, Math.min(100, interval.toMillis() / 10)));
        return new GatewayConfig(host, port, interval, interval.dividedBy(2), resumeWindow, identifyTimeout,
                rateLimit, rateWindow, identifyConcurrency, replayCapacity, t, ioThreads, reusePort, transport);
    }

    public GatewayConfig withResumeWindow(Duration w) {
        return new GatewayConfig(host, port, heartbeatInterval, grace, w, identifyTimeout, rateLimit, rateWindow,
                identifyConcurrency, replayCapacity, tick, ioThreads, reusePort, transport);
    }

    public GatewayConfig withIdentifyTimeout(Duration t) {
        return new GatewayConfig(host, port, heartbeatInterval, grace, resumeWindow, t, rateLimit, rateWindow,
                identifyConcurrency, replayCapacity, tick, ioThreads, reusePort, transport);
    }

    public GatewayConfig withRateLimit(int events, Duration window) {
        return new GatewayConfig(host, port, heartbeatInterval, grace, resumeWindow, identifyTimeout, events, window,
                identifyConcurrency, replayCapacity, tick, ioThreads, reusePort, transport);
    }

    public GatewayConfig withIdentifyConcurrency(int n) {
        return new GatewayConfig(host, port, heartbeatInterval, grace, resumeWindow, identifyTimeout, rateLimit,
                rateWindow, n, replayCapacity, tick, ioThreads, reusePort, transport);
    }

    public GatewayConfig withReplayCapacity(int n) {
        return new GatewayConfig(host, port, heartbeatInterval, grace, resumeWindow, identifyTimeout, rateLimit,
                rateWindow, identifyConcurrency, n, tick, ioThreads, reusePort, transport);
    }

    public GatewayConfig withIoThreads(int n) {
        return new GatewayConfig(host, port, heartbeatInterval, grace, resumeWindow, identifyTimeout, rateLimit,
                rateWindow, identifyConcurrency, replayCapacity, tick, n, reusePort, transport);
    }

    /** With {@code SO_REUSEPORT} on the listening socket (several processes on one port), or without. */
    public GatewayConfig withReusePort(boolean on) {
        return new GatewayConfig(host, port, heartbeatInterval, grace, resumeWindow, identifyTimeout, rateLimit,
                rateWindow, identifyConcurrency, replayCapacity, tick, ioThreads, on, transport);
    }

    public GatewayConfig withHost(String h) {
        return new GatewayConfig(h, port, heartbeatInterval, grace, resumeWindow, identifyTimeout, rateLimit,
                rateWindow, identifyConcurrency, replayCapacity, tick, ioThreads, reusePort, transport);
    }

    /** With this socket transport. */
    public GatewayConfig withTransport(NettyTransport t) {
        return new GatewayConfig(host, port, heartbeatInterval, grace, resumeWindow, identifyTimeout, rateLimit,
                rateWindow, identifyConcurrency, replayCapacity, tick, ioThreads, reusePort, t);
    }
}
