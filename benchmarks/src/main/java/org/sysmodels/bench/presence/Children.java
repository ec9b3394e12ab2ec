package org.sysmodels.bench.presence;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The child processes of the presence rows (gateway nodes, load parts, redis-server): how to start a JVM like this
 * one, read what a child prints, measure its CPU time and stop it. Extra JVM flags for the children come from the
 * environment variable {@code PRESENCE_CHILD_JAVA_OPTS} (e.g. {@code -Xlog:gc:file=gc-%p.log} or a JFR recording),
 * so a quiet measurement can look inside without editing the rows.
 */
final class Children {

    private Children() {
    }

    /** {@code java [heap flags] [PRESENCE_CHILD_JAVA_OPTS] -cp <this classpath> PresenceFigures args...}. */
    static ProcessBuilder javaChild(String heap, String... args) {
        // the whole heap from the start (-Xms = -Xmx): with the default initial heap (here 362 MB) young collections
        // came every ~100 MB allocated, 1-4 per process per run at 17-310 ms each on the loaded machine; a p99 target
        // of 50 ms cannot absorb them
        return javaChild(List.of(heap, heap.replace("-Xmx", "-Xms"), "-XX:+UseParallelGC"), args);
    }

    /**
     * {@code java [heap and collector flags] [PRESENCE_CHILD_JAVA_OPTS] -cp <this classpath> PresenceFigures args...}
     * (the collector's choice is the row's: {@link ClusterRow} runs its nodes on ZGC).
     */
    static ProcessBuilder javaChild(List<String> heapAndCollector, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String extra = System.getenv("PRESENCE_CHILD_JAVA_OPTS");
        List<String> extras = extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
        // a collector named in PRESENCE_CHILD_JAVA_OPTS replaces the row's (the JVM refuses two), so one row can be
        // measured on either collector without editing it
        boolean ownCollector = extras.stream().anyMatch(Children::namesCollector);
        for (String f : heapAndCollector) {
            if (!(ownCollector && namesCollector(f))) {
                cmd.add(f);
            }
        }
        // every heap page touched at start: otherwise the first collections that copy into survivor and old space
        // page-fault on each new page (a third of the first post-ramp pause was system time)
        cmd.add("-XX:+AlwaysPreTouch");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        // Netty's sampling leak detector records a stack trace for 1 in 128 buffers: a debugging aid that servers
        // in production switch off, as here (it is off in the row's own JVM too, see PresenceFigures)
        cmd.add("-Dio.netty.leakDetection.level=disabled");
        cmd.addAll(extras);
        // the socket transport the row chose (GatewayLoadRow.transport; after the extra flags, so it wins), else
        // each child chooses (NettyTransport.auto)
        String transport = System.getProperty(org.sysmodels.presence.gateway.client.NettyTransport.PROPERTY);
        if (transport != null && !transport.isBlank()) {
            cmd.add("-D" + org.sysmodels.presence.gateway.client.NettyTransport.PROPERTY + "=" + transport);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PresenceFigures.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    /** True for a flag that chooses the collector ({@code -XX:+UseParallelGC}, {@code -XX:+UseZGC}, ...). */
    private static boolean namesCollector(String flag) {
        return flag.startsWith("-XX:+Use") && flag.endsWith("GC");
    }

    /** A process's CPU time so far, user + system, its descendants included (ns; -1 if unknown). */
    static long cpuNs(Process p) {
        long own = p.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        if (own < 0) {
            return -1;
        }
        return own + p.descendants().mapToLong(h -> h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    /** Closes each child's stdin (nodes stop, the redis-server shell kills the server), newest first; waits. */
    static void stopAll(List<Process> children) {
        for (int i = children.size() - 1; i >= 0; i--) {
            Process p = children.get(i);
            try {
                p.getOutputStream().close();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    /** Echoes a child's lines until one starts with {@code prefix} (returned), or null at its end. */
    static String awaitLine(BufferedReader r, String who, String prefix) throws IOException {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            System.out.println(who + ": " + line);
        }
        return null;
    }

    /** Debian's redis-server (scripts/install-test-deps.sh installs it), or null. */
    static Path redisServer() {
        return java.util.stream.Stream.of("/usr/bin/redis-server", "/usr/sbin/redis-server",
                "/usr/local/bin/redis-server").map(Path::of).filter(java.nio.file.Files::isExecutable).findFirst()
                .orElse(null);
    }

    /**
     * A redis-server on loopback {@code port}, no persistence, files in {@code dir}; a shell between kills it when this
     * JVM's end of its stdin closes, however this JVM ends ({@link #stopAll} closes it).
     */
    static Process startRedis(Path redisServer, int port, Path dir) throws IOException {
        return new ProcessBuilder("/bin/sh", "-c", "exec 3<&0; b=$1; shift; \"$b\" \"$@\" 3<&- & p=$!; "
                + "(read -r _ <&3; kill $p 2>/dev/null) & wait $p", "sh", redisServer.toString(), "--port",
                String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir",
                dir.toString(), "--loglevel", "warning").redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
    }

    /** A loopback port free now. */
    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Deletes {@code dir} and what it holds. */
    static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    static long maxFileDescriptors() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
