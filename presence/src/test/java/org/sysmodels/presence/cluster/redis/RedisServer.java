package org.sysmodels.presence.cluster.redis;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real redis-server for tests, started on a free loopback port in a temporary directory with persistence off, and
 * stopped after. If the binary is not installed the tests that need it are skipped, saying how to install it (Debian's
 * redis-server, which {@code scripts/install-test-deps.sh} installs, so CI always runs them); with the environment
 * variable {@code CI} set they fail instead. If it is installed and does not come up, they FAIL saying why: they never
 * pass without Redis. {@link #restart} stops it and starts a fresh, empty one on the same port (what a restart
 * without persistence does to the cluster's data). {@link #command} speaks just enough RESP for admin commands
 * (CLIENT KILL, FLUSHALL).
 *
 * <p>No server outlives the test JVM: redis-server runs under a small shell that kills it when the JVM's end of the
 * shell's stdin closes, which the OS does when the JVM exits however it exits (a crash or {@code kill -9} included).
 */
public final class RedisServer implements AutoCloseable {

    private static final long START_WAIT_MS = 20_000;

    private final Path binary;
    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    /** Starts redis-server, or fails the test with what went wrong and how to fix it. */
    public static RedisServer start() {
        Path binary = find();
        Path dir;
        try {
            dir = Files.createTempDirectory("sysmodels-redis-");
        } catch (IOException e) {
            fail("cannot make a temporary directory for redis-server: " + e);
            return null;
        }
        String lastError = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            RedisServer r = new RedisServer(binary, dir, freePort());
            String err = r.launch();
            if (err == null) {
                return r;
            }
            lastError = err;
        }
        fail("redis-server (" + binary + ") did not start: " + lastError);
        return null;
    }

    private static Path find() {
        String env = System.getenv("REDIS_SERVER");
        List<Path> candidates = new ArrayList<>();
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty()) {
                candidates.add(Path.of(d, "redis-server"));
            }
        }
        candidates.add(Path.of("/usr/bin/redis-server"));
        candidates.add(Path.of("/usr/sbin/redis-server"));
        candidates.add(Path.of("/usr/local/bin/redis-server"));
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String why = "these tests need a real Redis and no redis-server was found (PATH, /usr/bin, /usr/sbin, "
                + "/usr/local/bin, or $REDIS_SERVER): install it with scripts/install-test-deps.sh (Debian package "
                + "redis-server)";
        if (System.getenv("CI") != null) {
            fail(why + " [CI is set: failing rather than skipping]");
        }
        Assumptions.abort(why);
        return null;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            fail("no free loopback port for redis-server: " + e);
            return -1;
        }
    }

    /**
     * Starts redis-server and waits for it to say so: its "Ready to accept connections" line (logged at notice
     * level) on its output, which a reader thread copies to the log file; then one PING confirms it answers. Bounded
     * by {@link #START_WAIT_MS}; an exit before that is reported with the log's tail. @return null when up, else why
     * not
     */
    private String launch() {
        Path logFile = dir.resolve("redis-" + port + ".log");
        CompletableFuture<String> ready = new CompletableFuture<>();
        try {
            // sh waits for redis-server; a background reader of sh's stdin kills it when the JVM's end closes
            process = new ProcessBuilder("/bin/sh", "-c", "exec 3<&0; b=$1; shift; \"$b\" \"$@\" 3<&- & p=$!; "
                    + "(read -r _ <&3; kill $p 2>/dev/null) & wait $p", "sh", binary.toString(),
                    "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no",
                    "--loglevel", "notice", "--protected-mode", "yes")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return "cannot run it: " + e.getMessage();
        }
        Process p = process;
        Thread copier = new Thread(() -> copyOutput(p, logFile, ready), "redis-server " + port + " output");
        copier.setDaemon(true);
        copier.start();
        String outcome;
        try {
            outcome = ready.get(START_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            outcome = "it did not say it was ready on port " + port + " within " + START_WAIT_MS + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted while it started";
        } catch (java.util.concurrent.ExecutionException e) {
            outcome = String.valueOf(e.getCause());
        }
        if (outcome.equals(READY)) {
            try {
                if ("PONG".equals(command("PING"))) {
                    return null;
                }
                outcome = "it said it was ready but did not answer PING";
            } catch (IOException e) {
                outcome = "it said it was ready but PING failed: " + e.getMessage();
            }
        }
        stop();
        return outcome + ": " + tail(logFile);
    }

    private static final String READY = "Ready to accept connections";

    /**
     * Copies the server's output to its log file until it ends, completing {@code ready} with {@link #READY} when the
     * server says it, or with how it ended if it exits first.
     */
    private void copyOutput(Process p, Path logFile, CompletableFuture<String> ready) {
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8)); java.io.Writer log = Files.newBufferedWriter(logFile)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                log.write(line);
                log.write('\n');
                log.flush();
                if (line.contains(READY)) {
                    ready.complete(READY);
                }
            }
        } catch (IOException e) {
            ready.complete("its output could not be read: " + e.getMessage());
        }
        try {
            ready.complete("it exited with status " + p.waitFor());
        } catch (InterruptedException e) {
            ready.complete("interrupted");
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops it (SIGTERM: with --save "" it keeps nothing) and waits until it has exited. */
    public void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed: the reader has killed it
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle h : tree) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** A fresh, empty server on the same port, as after a restart without persistence. */
    public void restart() {
        stop();
        String err = launch();
        if (err != null) {
            fail("redis-server did not start again on port " + port + ": " + err);
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the OS cleans it eventually
        }
    }

    /** Sends one command and returns the reply (a String, Long, List, or null); an error reply throws. */
    public Object command(String... args) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
                b.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
            }
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply(new BufferedInputStream(s.getInputStream()));
        }
    }

    private static Object reply(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new IOException("redis: " + line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    yield null;
                }
                byte[] data = in.readNBytes(n + 2);
                yield new String(data, 0, n, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int n = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(reply(in));
                }
                yield items;
            }
            default -> throw new IOException("unexpected reply type " + (char) type);
        };
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            b.append((char) c);
        }
        in.read();
        return b.toString();
    }

    /** Closes every connection whose client name is {@code name} (a node's are presence:NODE). @return how many */
    public long killClients(String name) throws IOException {
        long killed = 0;
        for (String line : String.valueOf(command("CLIENT", "LIST")).split("\n")) {
            if (line.contains(" name=" + name + " ")) {
                String id = line.replaceAll("^id=(\\d+) .*$", "$1").trim();
                killed += (Long) command("CLIENT", "KILL", "ID", id);
            }
        }
        return killed;
    }
}
