package org.sysmodels.presence.gateway;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.system.Subcommand;
import org.sysmodels.presence.gateway.load.GatewayRefused;
import org.sysmodels.presence.gateway.load.LoadConfig;
import org.sysmodels.presence.gateway.load.LoadGenerator;
import org.sysmodels.presence.gateway.load.LoadResult;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.model.core.PresenceObserver;

/** {@code sim presence load}: real WebSocket connections against a gateway on loopback, with latency percentiles. */
public final class LoadCommand implements Subcommand {

    static final OptionSpec<String> URL = OptionSpec.text("--url", "WS-URL",
            "Gateway to load, e.g. ws://127.0.0.1:8080/gateway from `sim presence serve --load-world N` (default: "
                    + "start one in this process)");
    static final OptionSpec<String> NODES = OptionSpec.text("--nodes", "WS-URL,WS-URL,...",
            "Gateway nodes of one cluster (`sim presence serve --cluster redis://... --load-world N`), e.g. "
                    + "ws://127.0.0.1:8080/gateway,ws://127.0.0.1:8081/gateway: connection i goes to node i mod the "
                    + "count; same-node and cross-node deliveries are timed apart");
    static final OptionSpec<Integer> CONNECTIONS = OptionSpec.integer("--connections", "N", 1, 1_000_000,
            "WebSocket connections (one session each).").withDefault("2000");
    static final OptionSpec<Integer> WATCHERS = OptionSpec.integer("--watchers", "N", 1, 10_000,
            "Subscribers of each user's updates (must match the server's --watchers).").withDefault("100");
    static final OptionSpec<Double> RATE = OptionSpec.decimal("--updates-per-second", "R", 0.1, 1e7,
            "Presence updates per second, all connections together.").withDefault("500");
    static final OptionSpec<Long> DURATION = OptionSpec.duration("--duration", "TIME", 1_000_000_000L,
            86_400_000_000_000L, "How long to hold the load after every connection identified.").withDefault("20s");
    static final OptionSpec<Long> HEARTBEAT = OptionSpec.duration("--heartbeat-interval", "TIME", 100_000_000L,
            3_600_000_000_000L, "For the gateway this command starts: Hello's heartbeat_interval.")
            .withDefault("10s");
    static final OptionSpec<Integer> THREADS = OptionSpec.integer("--io-threads", "N", 1, 64,
            "Client event loops.").withDefault("1");

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String title() {
        return "Load a presence gateway with real WebSocket sessions; report throughput and latency percentiles";
    }

    @Override
    public String description() {
        return "Opens --connections WebSocket sessions (one user each, identifying with the load world's tokens), "
                + "heartbeats on Hello's interval, and sends --updates-per-second presence updates; each update "
                + "reaches --watchers other sessions, which time its delivery. Prints a progress line per second, then "
                + "delivery latency percentiles (HdrHistogram), deliveries per second and errors; exit status 1 if "
                + "any session was lost, 2 if the load cannot run (no connection could be made, or the gateway "
                + "refused the load world, e.g. 4004). Without --url it starts a gateway in this process (both ends then share the "
                + "process's file descriptor limit: two per connection). With --nodes it spreads the connections "
                + "over several nodes of a cluster and reports cross-node against same-node delivery latency.";
    }

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(URL, NODES, CONNECTIONS, WATCHERS, RATE, DURATION, HEARTBEAT, THREADS,
                TransportOption.TRANSPORT);
    }

    @Override
    public int run(Options o, PrintWriter out, PrintWriter err) throws UserInputException {
        int n = o.getOr(CONNECTIONS, 2000);
        int watchers = o.getOr(WATCHERS, 100);
        double rate = o.getOr(RATE, 500.0);
        long fds = maxFileDescriptors();
        org.sysmodels.presence.gateway.client.NettyTransport transport = TransportOption.resolve(o);
        if (o.has(URL) && o.has(NODES)) {
            throw new UserInputException("--url and --nodes: give one of them (--nodes for several nodes)");
        }
        List<URI> nodes = o.has(NODES) ? nodeUrls(o.get(NODES).orElseThrow()) : List.of();
        boolean embedded = !o.has(URL) && nodes.isEmpty();
        if (!embedded && o.has(HEARTBEAT)) {
            throw new UserInputException("--heartbeat-interval sets the gateway this command starts; with "
                    + (o.has(URL) ? "--url" : "--nodes") + " the gateway's Hello sets it (sim presence serve "
                    + "--heartbeat-interval)");
        }
        long need = (embedded ? 2L : 1L) * n + 256;
        if (fds > 0 && need > fds) {
            throw new UserInputException(String.format(Locale.ROOT, "--connections %,d: this process may open %,d "
                    + "files and needs about %,d%s; raise the limit (ulimit -n) or use fewer connections", n, fds,
                    need, embedded ? " (server and clients in one process: run `sim presence serve --load-world N` "
                    + "separately and give --url)" : ""));
        }
        GatewayServer server = null;
        try {
            List<URI> urls;
            if (embedded) {
                Duration hb = Duration.ofNanos(o.getOr(HEARTBEAT, 10_000_000_000L));
                int perConn = (int) Math.ceil(rate / n * 60 * 2) + 2 * (int) (60_000 / Math.max(1, hb.toMillis())) + 10;
                GatewayConfig cfg = GatewayConfig.defaults().withHeartbeat(hb)
                        .withRateLimit(Math.max(120, perConn), Duration.ofSeconds(60))
                        .withIdentifyConcurrency(1_000_000).withIoThreads(1).withTransport(transport);
                server = GatewayServer.start(cfg, UserDirectory.loadWorld(n, watchers), null, PresenceObserver.NONE);
                urls = List.of(URI.create(server.gatewayUrl()));
                out.println("gateway (in this process): " + urls.getFirst());
            } else if (!nodes.isEmpty()) {
                urls = nodes;
            } else {
                urls = List.of(wsUrl("--url", o.get(URL).orElseThrow()));
            }
            LoadConfig cfg = new LoadConfig(urls, n, watchers, rate, Duration.ofNanos(o.getOr(DURATION,
                    20_000_000_000L)), Duration.ZERO, 256, o.getOr(THREADS, 1)).withTransport(transport);
            out.println("transport: " + transport);
            LoadResult r = new LoadGenerator(cfg, out).run();
            r.lines().forEach(out::println);
            out.println(r.noSessionLost() ? "result: no session lost" : "result: sessions were lost (exit status 1)");
            out.flush();
            return r.noSessionLost() ? 0 : 1;
        } catch (GatewayRefused e) {
            throw new UserInputException((embedded ? "the gateway in this process" : o.has(URL) ? "--url "
                    + o.get(URL).orElseThrow() : "--nodes " + o.get(NODES).orElseThrow()) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** {@code --nodes}: two or more distinct ws:// URLs, comma separated. */
    static List<URI> nodeUrls(String list) throws UserInputException {
        List<URI> urls = new java.util.ArrayList<>();
        for (String part : list.split(",", -1)) {
            if (part.isBlank()) {
                throw new UserInputException("--nodes " + list + ": an empty entry; give ws:// URLs separated by "
                        + "single commas");
            }
            URI u = wsUrl("--nodes", part.strip());
            if (urls.contains(u)) {
                throw new UserInputException("--nodes " + list + ": " + u + " is listed twice");
            }
            urls.add(u);
        }
        if (urls.size() < 2) {
            throw new UserInputException("--nodes " + list + ": give two or more nodes, comma separated (one node: "
                    + "--url)");
        }
        return urls;
    }

    private static URI wsUrl(String flag, String text) throws UserInputException {
        URI u;
        try {
            u = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new UserInputException(flag + " " + text + ": not a URL (" + e.getReason() + "); e.g. "
                    + "ws://127.0.0.1:8080/gateway");
        }
        if (!"ws".equals(u.getScheme()) || u.getHost() == null) {
            throw new UserInputException(flag + " " + text + ": a ws:// URL, e.g. ws://127.0.0.1:8080/gateway");
        }
        return u;
    }

    private static long maxFileDescriptors() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
