package org.sysmodels.presence.gateway.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.sysmodels.presence.gateway.client.NettyTransport;
import org.sysmodels.presence.gateway.client.WsClient;
import org.sysmodels.presence.gateway.users.UserDirectory;

/**
 * {@code sim presence load}: many real WebSocket connections from one process to a gateway on loopback, each
 * identifying as one user of the load world, heartbeating on Hello's interval and, all together, sending presence
 * updates at a fixed rate. Every update carries its send time (in an activity's name), so each watcher that
 * receives the PRESENCE_UPDATE records the delivery latency ({@link DeliveryLatencies}). A progress line
 * every second; at the end percentiles, throughput and errors. A connection the server closes, or that fails to
 * identify, is an error: "no session lost" is part of the verdict. A load that cannot run at all (no session
 * opened, or closes after which a client must not reconnect) stops after the opening with {@link GatewayRefused};
 * one that has lost every session (the gateway stopped) stops at the end of that second, with its report.
 *
 * <p>With several gateway nodes (a cluster sharing presence through Redis) connection i goes to node
 * {@code i % nodes}, so each load-world guild spans the nodes; an update also carries its sender's node, and each
 * delivery is timed into one of two more histograms: same node (the node's own fan-out) or cross node (through
 * Redis and the other node). Their ratio, from the same run, is the cost of going through the cluster.
 */
public final class LoadGenerator {

    private final LoadConfig cfg;
    private final PrintWriter out;
    private final DeliveryLatencies latencies = new DeliveryLatencies();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger maxHeld = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String firstFailure = "";
    private final Map<Integer, AtomicLong> closes = new ConcurrentHashMap<>();
    /** Each event loop's heartbeat timer (one per loop, not one per connection). */
    private final Map<io.netty.channel.EventLoop, HeartbeatWheel> wheels = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private Duration warmup = Duration.ZERO;
    private Duration rampUp = Duration.ZERO;
    private InterruptibleAction atMeasureStart = () -> {
    };

    public LoadGenerator(LoadConfig cfg, PrintWriter out) {
        this.cfg = cfg;
        this.out = out;
    }

    /** One connection's protocol: identify on Hello, heartbeat, count and time the updates it receives. */
    final class Conn implements WsClient.Listener, HeartbeatWheel.Beat {
        final int user;
        final int node;
        volatile WsClient ws;
        volatile boolean ready;
        /** The client heartbeats go out on, once Hello has come (event loop only). */
        WsClient heartbeats;
        /** Closed (event loop only): the heartbeat wheel drops it. */
        boolean ended;
        long lastSeq;
        boolean dnd;
        ScheduledFuture<?> beat;

        Conn(int user) {
            this.user = user;
            this.node = cfg.nodeOf(user);
        }

        @Override
        public void text(WsClient c, String t) {
            // only Hello comes here (see text(WsClient, ByteBuf))
            long interval = Long.parseLong(t.replaceAll(".*\"heartbeat_interval\":(\\d+).*", "$1"));
            c.send("{\"op\":2,\"d\":{\"token\":\"" + UserDirectory.loadToken(user) + "\",\"properties\":"
                    + "{\"os\":\"linux\",\"browser\":\"sim-load\",\"device\":\"desktop\"},\"intents\":257,"
                    + "\"large_threshold\":250,\"presence\":{\"since\":null,\"activities\":[],\"status\":"
                    + "\"online\",\"afk\":false}}}");
            long first = (long) (interval * ThreadLocalRandom.current().nextDouble());
            heartbeats = c;
            HeartbeatWheel wheel = wheels.computeIfAbsent(c.channel().eventLoop(),
                    loop -> new HeartbeatWheel(loop, interval, System.nanoTime()));
            if (wheel.intervalMs() == interval) {
                wheel.add(this, first, System.nanoTime());
            } else {
                // a gateway with another interval (never in one run): this connection's own timer
                beat = c.channel().eventLoop().scheduleAtFixedRate(this::beat, first, interval,
                        TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public boolean beat() {
            WsClient c = heartbeats;
            if (ended || c == null || !c.isOpen()) {
                return false;
            }
            c.send("{\"op\":1,\"d\":" + lastSeq + "}");
            return true;
        }

        /**
         * Every frame, parsed in place (no String per frame): a dispatch ends {@code ,"s":N,"t":"TYPE"}} as the
         * gateway writes it; a PRESENCE_UPDATE from the load carries its send time in the activity's name.
         */
        @Override
        public void text(WsClient c, ByteBuf frame) {
            long now = System.nanoTime();
            int to = frame.readableBytes();
            byte[] t = Frames.SCRATCH.get();
            if (t.length < to) {
                t = new byte[Math.max(to, 2 * t.length)];
                Frames.SCRATCH.set(t);
            }
            frame.getBytes(frame.readerIndex(), t, 0, to);
            if (Frames.startsWith(t, to, Frames.HELLO)) {
                text(c, frame.toString(StandardCharsets.UTF_8));
                return;
            }
            if (Frames.startsWith(t, to, Frames.DISPATCH)) {
                int s = Frames.lastIndexOf(t, to, Frames.SEQ);
                if (s > 0) {
                    lastSeq = Frames.parseLong(t, s + Frames.SEQ.length, to);
                }
                if (Frames.endsWith(t, to, Frames.PRESENCE_UPDATE)) {
                    int i = Frames.indexOf(t, to, Frames.LOAD_NAME, Frames.DISPATCH.length);
                    if (i >= 0) {
                        int start = i + Frames.LOAD_NAME.length;
                        int quote = Frames.indexOf(t, '"', start, to);
                        long sentAt = Frames.parseLong(t, start, quote);
                        long us = Math.max(0, (now - sentAt) / 1000);
                        int slash = Frames.indexOf(t, '/', start, quote);
                        latencies.record(us, slash > 0 ? Frames.parseLong(t, slash + 1, to) : -1, node);
                        received.incrementAndGet();
                    }
                } else if (!ready && Frames.endsWith(t, to, Frames.READY)) {
                    ready = true;
                    int h = held.incrementAndGet();
                    maxHeld.accumulateAndGet(h, Math::max);
                }
            } else if (Frames.startsWith(t, to, Frames.HEARTBEAT_REQUEST)) {
                c.send("{\"op\":1,\"d\":" + lastSeq + "}");
            }
        }

        /** Sends a presence update stamped now (on this connection's event loop), alternating dnd and online. */
        void sendUpdate(String tag) {
            sent.incrementAndGet();
            dnd = !dnd;
            ws.send("{\"op\":3,\"d\":{\"since\":null,\"activities\":[{\"name\":\"load " + System.nanoTime()
                    + (tag == null ? "" : tag + node) + "\",\"type\":0}],\"status\":\"" + (dnd ? "dnd" : "online")
                    + "\",\"afk\":false}}");
        }

        @Override
        public void closed(WsClient c, int code, String reason) {
            ended = true;
            if (beat != null) {
                beat.cancel(false);
            }
            if (ready) {
                held.decrementAndGet();
            }
            ready = false;
            if (!stopping) {
                closes.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
            }
        }
    }

    /**
     * Sends at the configured rate for {@code d} before the measured phase without counting it (the JIT compiles
     * the delivery path, caches fill), prints that phase's latency on one line, and runs {@code atMeasureStart} as
     * the measured phase begins (a caller sampling other processes' CPU time samples there). Default: none.
     */
    public LoadGenerator warmup(Duration d, InterruptibleAction atMeasureStart) {
        return warmup(d, Duration.ZERO, atMeasureStart);
    }

    /**
     * As {@link #warmup(Duration, InterruptibleAction)}, the rate rising in a straight line from 0 to the configured
     * rate over the warm-up's first {@code rampUp} (at most all of it): fresh gateway JVMs compile their update path
     * while the load is still light, instead of a full-rate start running it interpreted (a backlog of seconds).
     */
    public LoadGenerator warmup(Duration d, Duration rampUp, InterruptibleAction atMeasureStart) {
        if (rampUp.isNegative() || rampUp.compareTo(d) > 0) {
            throw new IllegalArgumentException("the rate's ramp-up (" + rampUp + ") is not within the warm-up ("
                    + d + ")");
        }
        this.warmup = d;
        this.rampUp = rampUp;
        this.atMeasureStart = atMeasureStart;
        return this;
    }

    /** Forgets what was received and sent so far; this process's CPU time now. */
    private long beginMeasure() {
        latencies.forget();
        received.set(0);
        sent.set(0);
        return processCpuNs();
    }

    public LoadResult run() throws InterruptedException, GatewayRefused {
        return run(() -> {
        });
    }

    /** This process's CPU time so far, ns (-1 where the JVM does not say). */
    static long processCpuNs() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /**
     * Opens and identifies every connection, calls {@code beforeMeasure} (several load processes wait there to
     * start their measured phases together), then sends updates for the configured duration.
     */
    public LoadResult run(InterruptibleAction beforeMeasure) throws InterruptedException, GatewayRefused {
        return run(beforeMeasure, () -> {
        });
    }

    /**
     * As {@link #run(InterruptibleAction)}, calling {@code afterMeasure} as soon as the measured phase ends, before
     * the connections close (a caller measuring other processes' CPU time over the measured phase samples there, and
     * may wait there for the gateways to catch up: this process's CPU time and deliveries are counted up to its
     * return, so deliveries of updates sent in the phase and received late count, with their CPU).
     */
    public LoadResult run(InterruptibleAction beforeMeasure, InterruptibleAction afterMeasure)
            throws InterruptedException, GatewayRefused {
        NettyTransport transport = cfg.transport();
        EventLoopGroup group = transport.group(cfg.ioThreads());
        List<Conn> conns = new ArrayList<>(cfg.connections());
        try {
            long t0 = System.nanoTime();
            Semaphore inFlight = new Semaphore(cfg.openInFlight());
            List<URI> uris = cfg.urls().stream().map(u -> URI.create(u + "?v=10&encoding=json")).toList();
            for (int i = 0; i < cfg.connections(); i++) {
                Conn c = new Conn(cfg.first() + i);
                conns.add(c);
                inFlight.acquire();
                WsClient.connect(transport, group, uris.get(c.node), 1 << 20, false, c).whenComplete((ws, err) -> {
                    inFlight.release();
                    if (err != null) {
                        if (failures.incrementAndGet() == 1) {
                            firstFailure = ConnectFailure.describe(err);
                        }
                    } else {
                        c.ws = ws;
                    }
                });
                if (i % 1000 == 999) {
                    out.printf(Locale.ROOT, "opening: %,d connections, %,d identified%n", i + 1, held.get());
                    out.flush();
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (held.get() + failures.get() + closedCount() < cfg.connections() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Map<Integer, Long> opening = new TreeMap<>();
            closes.forEach((k, v) -> opening.put(k, v.get()));
            java.util.Optional<GatewayRefused> refused = GatewayRefused.check(cfg, held.get(), failures.get(),
                    opening, firstFailure);
            if (refused.isPresent()) {
                closeAll(conns);
                throw refused.get();
            }
            out.printf(Locale.ROOT, "ready: %,d sessions identified in %.1f s (transport %s); sending %.0f updates/s "
                    + "for %d s%n", held.get(), (System.nanoTime() - t0) / 1e9, transport, cfg.updatesPerSecond(),
                    cfg.duration().toSeconds());
            out.flush();
            beforeMeasure.run();
            String tag = cfg.urls().size() > 1 ? "/" : null;
            long warmStart = System.nanoTime();
            long start = warmStart + warmup.toNanos();
            long end = start + cfg.duration().toNanos();
            long cpu0 = beginMeasure();
            // the updates are sent by a timer on an event loop of this process (at each update's due time), not by
            // this thread: no hand-over from a thread of its own, each update stamped as it is written
            Sender sender = new Sender(group.next(), conns, cfg.updatesPerSecond(), rampUp.toNanos(), tag, warmStart,
                    end);
            sender.start();
            if (!warmup.isZero()) {
                TimeUnit.NANOSECONDS.sleep(start - System.nanoTime());
                Histogram w = latencies.interval();
                out.printf(Locale.ROOT, "warm-up (not counted): %d s at the same rate, %,d deliveries, %s%n",
                        warmup.toSeconds(), received.get(), ResultLines.percentiles(w));
                out.flush();
                atMeasureStart.run();
                cpu0 = beginMeasure();
            }
            long nextReport = start + 1_000_000_000L;
            long lastReceived = 0;
            long lastSent = 0;
            HostCpu lastHost = HostCpu.read();
            List<SecondReport> perSecond = new ArrayList<>();
            for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                TimeUnit.NANOSECONDS.sleep(Math.min(nextReport, end) - now);
                now = System.nanoTime();
                if (now >= nextReport) {
                    Histogram h = latencies.collect();
                    long r = received.get();
                    long s = sent.get();
                    HostCpu host = HostCpu.read();
                    SecondReport second = new SecondReport((now - start) / 1_000_000_000L, s - lastSent,
                            r - lastReceived, h.getValueAtPercentile(99) / 1e3, host == null || lastHost == null
                            ? Double.NaN : host.stealShareSince(lastHost));
                    perSecond.add(second);
                    out.println(second.line(closedCount() + failures.get(), held.get()));
                    out.flush();
                    lastReceived = r;
                    lastSent = s;
                    lastHost = host;
                    nextReport += 1_000_000_000L;
                    if (held.get() == 0) {
                        // nothing left to load or to measure: the gateway went away or closed every session
                        out.printf(Locale.ROOT, "every session was lost by t=%ds: the load stops (is the gateway "
                                + "still running?)%n", second.t());
                        out.flush();
                        break;
                    }
                }
            }
            sender.stop();
            double seconds = (System.nanoTime() - start) / 1e9;
            afterMeasure.run();
            long cpu1 = processCpuNs();
            Thread.sleep(200);
            latencies.collect();
            int heldAtEnd = held.get();
            Map<Integer, Long> byCode = new TreeMap<>();
            closes.forEach((k, v) -> byCode.put(k, v.get()));
            LoadResult result = new LoadResult(cfg.connections(), maxHeld.get(), heldAtEnd, sent.get(), received.get(),
                    seconds, latencies.total, byCode, failures.get(), cfg.urls().size(), latencies.same, latencies.cross,
                    cpu0 < 0 || cpu1 < 0 ? -1 : cpu1 - cpu0, List.copyOf(perSecond));
            if (failures.get() > 0) {
                out.println("first failed connection: " + firstFailure);
            }
            closeAll(conns);
            return result;
        } finally {
            stopping = true;
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
        }
    }

    /** Something to run that may be interrupted. */
    @FunctionalInterface
    public interface InterruptibleAction {
        void run() throws InterruptedException;
    }

    /**
     * Closes every connection that opened (1000) and waits for them, before the event loops stop: a loop stopped
     * earlier rejects its channels' last deregistration tasks, one warning each.
     */
    private void closeAll(List<Conn> conns) {
        stopping = true;
        WsClient.closeAll(conns.stream().map(c -> c.ws).filter(java.util.Objects::nonNull).toList(), 1000,
                Duration.ofSeconds(10));
    }

    private long closedCount() {
        long n = 0;
        for (AtomicLong v : closes.values()) {
            n += v.get();
        }
        return n;
    }
}
