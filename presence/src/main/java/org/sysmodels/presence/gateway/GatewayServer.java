package org.sysmodels.presence.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sysmodels.presence.cluster.ClusterFactory;
import org.sysmodels.presence.cluster.ClusterReport;
import org.sysmodels.presence.cluster.redis.SharedLoop;
import org.sysmodels.presence.gateway.client.NettyTransport;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.model.cluster.ClusterBackend;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.presence.Status;

/**
 * The real presence gateway: a Netty WebSocket server (loopback unless told otherwise) speaking the Discord gateway
 * protocol in JSON at {@code /gateway}, the browser demo page at {@code /}, the presence engine on its own thread.
 * Each I/O event loop is one fan-out node. Alone by default; with a shared {@link ClusterFactory} (Redis) one node of
 * several that share presence.
 */
public final class GatewayServer implements AutoCloseable {

    /** Set by the first {@link #close()}: the serve loop's end or its shutdown hook (Ctrl-C), whichever runs first. */
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Frames larger than this are refused by Netty itself (close 1009); up to it, over 4096 bytes is 4002. */
    static final int MAX_FRAME = 64 * 1024;

    private final GatewayConfig config;
    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final EventExecutor engineThread;
    private final PresenceEngine engine;
    private final Channel listener;
    private final GatewayStats stats = new GatewayStats();
    private final List<NodeOutbound> outbound = new ArrayList<>();
    private volatile int port;

    /**
     * True when the node's connections share the engine's thread: a cluster node asked for one I/O thread whose
     * transport is the one the presence thread uses (epoll). Then a frame read, its presence work, the Redis commands
     * and the frames written all run on one thread, with no hand-off between threads: each hand-off cost a wake-up
     * (an eventfd write, a context switch) and a wait for a core on each node, twice per cross-node update
     * (docs/presence.md, "One thread per node").
     */
    private static boolean oneThread(ClusterFactory cluster, GatewayConfig config, NettyTransport transport) {
        return cluster != ClusterFactory.IN_PROCESS && config.ioThreads() == 1 && transport == NettyTransport.EPOLL
                && SharedLoop.presenceThreadIsEpoll();
    }

    private GatewayServer(GatewayConfig config, UserDirectory users, String demoJson, PresenceObserver observer,
                          ClusterFactory cluster) throws InterruptedException {
        this.config = config;
        NettyTransport transport = config.transport();
        boss = transport.group(1);
        // in a cluster the engine thread is an I/O event loop, so the backend can run its Redis connections on it
        // (cluster.redis.SharedLoop: no thread hand-off per command); one node alone keeps a plain executor
        engineThread = cluster == ClusterFactory.IN_PROCESS ? new DefaultEventExecutor()
                : SharedLoop.presenceThread("presence-engine");
        io = oneThread(cluster, config, transport) ? (EventLoopGroup) engineThread.parent()
                : transport.group(config.ioThreads());
        Map<EventLoop, Integer> nodes = new IdentityHashMap<>();
        io.forEach(e -> {
            nodes.put((EventLoop) e, nodes.size());
            outbound.add(new NodeOutbound((EventLoop) e));
        });
        try {
            engine = new PresenceEngine(engineThread, users, config, this::gatewayUrl, stats, observer, cluster);
        } catch (RuntimeException e) {
            shutdownAll(null);
            throw e;
        }
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(HttpPages.GATEWAY_PATH)
                .checkStartsWith(true)
                .maxFramePayloadLength(MAX_FRAME)
                .handleCloseFrames(false)
                .allowExtensions(false)
                .handshakeTimeoutMillis(10_000)
                .build();
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, io)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast(new HttpServerCodec());
                        p.addLast(new HttpObjectAggregator(MAX_FRAME));
                        p.addLast(new HttpPages(demoJson));
                        int node = nodes.get(ch.eventLoop());
                        GatewayConnection connection = new GatewayConnection(engine, config, node, outbound.get(node));
                        p.addLast(new PingPolicy(connection));
                        p.addLast(new WebSocketServerProtocolHandler(ws));
                        p.addLast(new HandshakeDeadline(config.identifyTimeout().toNanos()));
                        p.addLast(new WebSocketFrameAggregator(MAX_FRAME));
                        p.addLast(connection);
                    }
                });
        if (config.reusePort()) {
            // Linux socket(7) SO_REUSEPORT: every process that sets it may bind the same port; the kernel spreads
            // incoming connections over their listening sockets. Netty's io_uring and epoll transports have the option
            // natively; with NIO the JDK's StandardSocketOptions.SO_REUSEPORT (JDK 9+, where the OS supports it).
            if (transport.isNative()) {
                b.option(UnixChannelOption.SO_REUSEPORT, true);
            } else if (nioReusePort()) {
                b.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
            } else {
                shutdownAll(engine.core());
                throw new CannotListen("SO_REUSEPORT is not supported here (neither Netty's native transports nor "
                        + "the JDK's socket option)");
            }
        }
        try {
            listener = b.bind(config.host(), config.port()).sync().channel();
        } catch (InterruptedException e) {
            shutdownAll(engine.core());
            throw e;
        } catch (Exception e) {
            // also Netty's undeclared BindException ("Address already in use") and UnresolvedAddressException
            shutdownAll(engine.core());
            throw new CannotListen(config.host(), config.port(), e);
        }
        port = ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Stops the threads of a server that did not start. */
    private void shutdownAll(ClusterBackend core) {
        if (core instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // the cluster link of a node that did not start
            }
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        engineThread.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static boolean nioReusePort() {
        try (java.nio.channels.ServerSocketChannel c = java.nio.channels.ServerSocketChannel.open()) {
            return c.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Starts a gateway; {@code demoJson} is served at /demo.json (null: none). */
    public static GatewayServer start(GatewayConfig config, UserDirectory users, String demoJson,
                                      PresenceObserver observer) throws InterruptedException {
        return new GatewayServer(config, users, demoJson, observer, ClusterFactory.IN_PROCESS);
    }

    /**
     * Starts a gateway node of the cluster {@code cluster} makes (blocks while it joins; an
     * {@link IllegalStateException} says why it could not, a {@link CannotListen} why its address could not be bound).
     */
    public static GatewayServer start(GatewayConfig config, UserDirectory users, String demoJson,
                                      PresenceObserver observer, ClusterFactory cluster) throws InterruptedException {
        return new GatewayServer(config, users, demoJson, observer, cluster);
    }

    public static GatewayServer start(GatewayConfig config, UserDirectory users) throws InterruptedException {
        return start(config, users, null, PresenceObserver.NONE);
    }

    public int port() {
        return port;
    }

    /** The WebSocket URL clients connect to (also READY's resume_gateway_url). */
    public String gatewayUrl() {
        return "ws://" + hostForUrl() + ":" + port + HttpPages.GATEWAY_PATH;
    }

    /** The demo page. */
    public String pageUrl() {
        return "http://" + hostForUrl() + ":" + port + "/";
    }

    private String hostForUrl() {
        String h = config.host();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    public GatewayConfig config() {
        return config;
    }

    public GatewayStats stats() {
        return stats;
    }

    /** What others see of user {@code userId} now (null for an unknown id). */
    public Status statusOf(String userId) throws Exception {
        return engine.statusOf(userId);
    }

    /** Sends Reconnect (op 7) to the session's connection and closes it {@code delayMs} later (4000). */
    public void reconnect(String sessionId, long delayMs) {
        engine.reconnect(sessionId, delayMs);
    }

    /** The presence backend this node runs on (its own thread calls it: use for counters and tests only). */
    public ClusterBackend cluster() {
        return engine.core();
    }

    /** The node's status line: its counters, and the cluster's when it is part of one. */
    public String statusLine() {
        return stats.line() + (engine.core() instanceof ClusterReport r ? "\n" + r.statusLine() : "");
    }

    /** Queues {@code work} on the presence engine's thread (tests: keeping it busy, as an overloaded node is). */
    void onEngineThread(Runnable work) {
        engineThread.execute(work);
    }

    /**
     * Queue depths now, for a timeline: the engine thread's pending tasks, then per event loop its pending tasks and
     * the items its {@link NodeOutbound} holds (approximate: read while the threads run).
     */
    public int[] queueDepths() {
        int[] d = new int[1 + 2 * outbound.size()];
        d[0] = engineThread instanceof io.netty.util.concurrent.SingleThreadEventExecutor s ? s.pendingTasks() : -1;
        for (int i = 0; i < outbound.size(); i++) {
            NodeOutbound o = outbound.get(i);
            d[1 + 2 * i] = o.loop() instanceof io.netty.util.concurrent.SingleThreadEventExecutor s
                    ? s.pendingTasks() : -1;
            d[2 + 2 * i] = o.size();
        }
        return d;
    }

    /** Open sessions (live or waiting to be resumed). */
    public int sessions() throws Exception {
        return engine.query(() -> engine.core().store().sessionCount());
    }

    /**
     * Stops in the order work flows, upstream first, so no stage hands work to one already stopped: the listener
     * (no new connections), each connected session told to reconnect (op 7, then 4000, so clients resume elsewhere
     * or retry instead of seeing an abnormal 1006), the cluster link (no more log entries for the engine), the engine thread (no more writes
     * for the event loops; commands the event loops still send are dropped), then the event loops.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        engine.goingAway();
        engine.stopping();
        if (engine.core() instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // closing the cluster link: nothing left to do about it
            }
        }
        engineThread.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
