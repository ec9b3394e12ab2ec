package org.sysmodels.presence.gateway;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.system.Subcommand;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.presence.cluster.ClusterFactory;
import org.sysmodels.presence.cluster.redis.RedisCluster;
import org.sysmodels.presence.gateway.users.DemoWorld;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.model.core.PresenceObserver;

/** {@code sim presence serve}: the real gateway, until stopped (Ctrl-C) or for {@code --for D}. */
public final class ServeCommand implements Subcommand {

    static final OptionSpec<Integer> PORT = OptionSpec.integer("--port", "N", 0, 65535,
            "TCP port to listen on (0: any free port).").withDefault("8080");
    static final OptionSpec<String> HOST = OptionSpec.text("--host", "ADDR",
            "Address to listen on. Loopback unless you mean to expose the demo.").withDefault("127.0.0.1");
    static final OptionSpec<Path> USERS = OptionSpec.path("--users", "FILE",
            "Users file (JSON: users with token, id, name, friends, guilds; see docs/presence.md).")
            .withDefault("a demo world of 8 users, tokens printed");
    static final OptionSpec<Integer> LOAD_WORLD = OptionSpec.integer("--load-world", "N", 1, 10_000_000,
            "Instead of a users file: N users for `sim presence load` (tokens load-0 ... load-N-1).");
    static final OptionSpec<Integer> WATCHERS = OptionSpec.integer("--watchers", "N", 1, 10_000,
            "With --load-world: how many users receive each user's updates (guilds of N+1).").withDefault("100");
    static final OptionSpec<Long> HEARTBEAT = OptionSpec.duration("--heartbeat-interval", "TIME", 100_000_000L,
            3_600_000_000_000L, "heartbeat_interval sent in Hello; a session silent for 1.5 × it is closed (4009).")
            .withDefault("45s");
    static final OptionSpec<Long> RESUME = OptionSpec.duration("--resume-window", "TIME", 0, 86_400_000_000_000L,
            "How long a lost session stays resumable.").withDefault("180s");
    static final OptionSpec<Long> IDENTIFY = OptionSpec.duration("--identify-timeout", "TIME", 100_000_000L,
            3_600_000_000_000L, "Close (4009) a connection that has not identified by then.").withDefault("20s");
    static final OptionSpec<Integer> RATE = OptionSpec.integer("--rate-limit", "N", 1, 10_000,
            "Events a connection may send per 60 s before it is closed with 4008 (each connection keeps a ring of N "
                    + "send times, 8 B each).").withDefault("120");
    static final OptionSpec<Long> FOR = OptionSpec.duration("--for", "TIME", 1_000_000L, 86_400_000_000_000L,
            "Stop after this long (default: run until interrupted).");
    static final OptionSpec<Integer> THREADS = OptionSpec.integer("--io-threads", "N", 1, 64,
            "I/O event loops (each is one fan-out node).").withDefault("the number of cores");
    static final OptionSpec<String> CLUSTER = OptionSpec.text("--cluster", "REDIS-URI",
            "Share presence with the other nodes started with the same Redis, e.g. redis://127.0.0.1:6379 "
                    + "(rediss:// for TLS, redis://:PASSWORD@HOST, redis-sentinel://HOST:26379#MASTER). Every node "
                    + "needs the same --users (or --load-world and --watchers).")
            .withDefault("this node alone, presence in process");

    static final OptionSpec<Boolean> REUSE_PORT = OptionSpec.flag("--reuse-port",
            "Set SO_REUSEPORT on the listening socket: several nodes (processes) started with the same --port and "
                    + "--cluster share the port, the kernel spreading connections over them (Linux).");

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String title() {
        return "Run the presence gateway: Discord's gateway protocol over WebSocket, and a browser demo";
    }

    @Override
    public String description() {
        return "Starts a WebSocket server on loopback speaking the Discord gateway protocol in JSON at /gateway "
                + "(Hello, Heartbeat, Identify, Presence Update, Resume, Request Guild Members; Discord's close codes)"
                + " and serves a demo page at /: a friends list whose statuses change live. Without --users it makes "
                + "a demo world and prints its tokens. Short intervals make demos fast: --heartbeat-interval 5s "
                + "--resume-window 10s.";
    }

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(PORT, HOST, USERS, LOAD_WORLD, WATCHERS, HEARTBEAT, RESUME, IDENTIFY, RATE, FOR, THREADS,
                CLUSTER, REUSE_PORT, TransportOption.TRANSPORT);
    }

    /** The server configuration the flags ask for. */
    static GatewayConfig config(Options o) throws UserInputException {
        GatewayConfig c = GatewayConfig.defaults().withPort(o.getOr(PORT, 8080)).withHost(o.getOr(HOST, "127.0.0.1"))
                .withTransport(TransportOption.resolve(o));
        if (o.has(HEARTBEAT)) {
            c = c.withHeartbeat(Duration.ofNanos(o.get(HEARTBEAT).orElseThrow()));
        }
        if (o.has(RESUME)) {
            c = c.withResumeWindow(Duration.ofNanos(o.get(RESUME).orElseThrow()));
        }
        if (o.has(IDENTIFY)) {
            c = c.withIdentifyTimeout(Duration.ofNanos(o.get(IDENTIFY).orElseThrow()));
        }
        if (o.has(RATE)) {
            c = c.withRateLimit(o.get(RATE).orElseThrow(), Duration.ofSeconds(60));
        }
        if (o.has(THREADS)) {
            c = c.withIoThreads(o.get(THREADS).orElseThrow());
        }
        if (o.getOr(REUSE_PORT, false)) {
            c = c.withReusePort(true);
        }
        return c;
    }

    @Override
    public int run(Options o, PrintWriter out, PrintWriter err) throws UserInputException {
        if (o.has(USERS) && o.has(LOAD_WORLD)) {
            throw new UserInputException("--users and --load-world: give one of them");
        }
        if (o.has(WATCHERS) && !o.has(LOAD_WORLD)) {
            throw new UserInputException("--watchers needs --load-world (it sizes the load world's guilds; a users "
                    + "file or the demo world sets its own)");
        }
        UserDirectory users;
        String demo = null;
        if (o.has(USERS)) {
            users = UserDirectory.load(o.get(USERS).orElseThrow());
        } else if (o.has(LOAD_WORLD)) {
            users = UserDirectory.loadWorld(o.get(LOAD_WORLD).orElseThrow(), o.getOr(WATCHERS, 100));
        } else {
            users = DemoWorld.create();
            demo = DemoWorld.json(users);
        }
        GatewayConfig cfg = config(o);
        ClusterFactory cluster = ClusterFactory.IN_PROCESS;
        if (o.has(CLUSTER)) {
            String uri = o.get(CLUSTER).orElseThrow();
            try {
                cluster = RedisCluster.factory(RedisCluster.parse(uri), line -> {
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                });
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--cluster " + uri + ": not a Redis URI (" + e.getMessage() + "); e.g. "
                        + "redis://127.0.0.1:6379, rediss://HOST:6380 for TLS, redis://:PASSWORD@HOST:6379");
            }
        }
        GatewayServer server;
        try {
            server = GatewayServer.start(cfg, users, demo, PresenceObserver.NONE, cluster);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (CannotListen e) {
            String flags = o.getOr(REUSE_PORT, false) && e.getCause() == null ? "--reuse-port"
                    : "--host " + cfg.host() + " --port " + cfg.port();
            throw new UserInputException(flags + ": " + e.getMessage() + (String.valueOf(e.getMessage())
                    .contains("in use") ? "; pick another port or --port 0" : ""));
        } catch (IllegalStateException e) {
            throw new UserInputException("--cluster " + o.get(CLUSTER).orElse("") + ": " + e.getMessage()
                    + (e.getMessage().contains("cannot reach") || e.getMessage().contains("no answer in time")
                    ? "; is redis-server running there?" : ""));
        }
        // Ctrl-C stops the node as its --for end does: sessions are told to reconnect (op 7) and closed 4000
        Thread onSignal = new Thread(server::close, "presence-serve-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try (server) {
            out.println("presence gateway: " + server.gatewayUrl() + "?v=10&encoding=json");
            out.println("demo page:        " + server.pageUrl());
            out.println("transport:        " + cfg.transport() + " (" + cfg.ioThreads() + " I/O event loops)");
            out.printf(Locale.ROOT, "users: %,d; heartbeat_interval %d ms; resume window %s; rate limit %d per "
                    + "60 s%n", users.users(), cfg.heartbeatInterval().toMillis(),
                    SimTime.formatExact(cfg.resumeWindow().toNanos()), cfg.rateLimit());
            if (demo != null) {
                out.print("tokens:");
                for (int u = 0; u < users.users(); u++) {
                    out.print(" " + users.name(u) + "=" + users.token(u));
                }
                out.println();
            }
            if (!cfg.host().startsWith("127.") && !cfg.host().equals("::1") && !cfg.host().equals("localhost")) {
                out.println("warning: listening on " + cfg.host() + ", not loopback: anyone who can reach it and "
                        + "knows a token can connect (no TLS)");
            }
            out.flush();
            long end = o.get(FOR).map(d -> System.nanoTime() + d).orElse(Long.MAX_VALUE);
            long nextLine = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.sleep(Math.max(1, Math.min(200, (end - System.nanoTime()) / 1_000_000)));
                if (System.nanoTime() >= nextLine) {
                    out.println(server.statusLine());
                    out.flush();
                    nextLine += 10_000_000_000L;
                }
            }
            out.println("stopping: " + server.statusLine());
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook is running or has run
            }
        }
        return 0;
    }
}
