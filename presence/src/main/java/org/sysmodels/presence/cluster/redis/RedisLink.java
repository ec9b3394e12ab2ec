package org.sysmodels.presence.cluster.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.MapOutput;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.sysmodels.presence.model.cluster.SentSoFar;

/**
 * A node's connections to Redis through Lettuce: one for commands (scripts, TTLs, the epoch), one blocked on the log
 * ({@code XREAD BLOCK} holds its connection). Lettuce reconnects by itself, waiting 100 ms doubling to 2 s between
 * tries; while a connection is down its commands fail at once ({@code REJECT_COMMANDS}) instead of queueing without
 * bound, and the node resynchronises when it is back. Every call returns a stage; none blocks the caller.
 */
final class RedisLink implements AutoCloseable {

    static {
        SharedLoop.epollForLettuce();
    }

    /** The log's approximate length cap ({@code XADD MAXLEN ~}); a node further behind resynchronises from a snapshot. */
    static final int LOG_CAP = 200_000;

    /**
     * Lettuce's reconnect attempts log a line each (JUL, INFO and WARNING) while Redis is away; the cluster logs the
     * outage and its recovery itself, once. Held here: JUL keeps loggers only weakly.
     */
    private static final java.util.logging.Logger RECONNECT_CHATTER = quiet("io.lettuce.core");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(java.util.logging.Level.SEVERE);
        return l;
    }

    private final ClientResources resources;
    /** The presence thread when it also runs the connections' I/O ({@link SharedLoop}), else null. */
    private final io.netty.util.concurrent.EventExecutor sharedLoop;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisConnection<String, byte[]> logReader;
    private final Utf8Codec codec = new Utf8Codec();
    private final RedisAsyncCommands<String, String> cmd;
    private final Map<String, String> scripts = new LinkedHashMap<>();
    private final Map<String, String> shas = new java.util.concurrent.ConcurrentHashMap<>();
    /** The node name write.lua was last called with, and its bytes (one node per link). */
    private String nodeName;
    private byte[] nodeBytes;

    /**
     * A link for node {@code node}, as the constructor makes it, or an {@link IllegalStateException} saying why
     * Redis at {@code uri} could not be joined ({@link RedisErrors#connectFailure}). Lettuce can lose the server's
     * answer when its handshake is refused (a Redis that wants a password answers NOAUTH and the channel closes at
     * once; the failure then reads "RedisHandshakeHandler not registered"), so a connection dropped during the
     * handshake is tried once more, and the second failure, which carries the answer, is the one reported.
     */
    static RedisLink connect(RedisURI uri, String node, String clientName, Duration timeout,
                             java.util.concurrent.Executor owner) {
        for (int attempt = 1; ; attempt++) {
            try {
                return new RedisLink(uri, node, clientName, timeout, owner);
            } catch (RuntimeException e) {
                if (attempt == 2 || !RedisErrors.droppedInHandshake(e)) {
                    throw new IllegalStateException(RedisErrors.connectFailure(RedisErrors.where(uri), e), e);
                }
            }
        }
    }

    /**
     * Connects node {@code node} (blocking, up to {@code timeout}; not on {@code owner}); the connections are named
     * {@code clientName} (CLIENT LIST). Their I/O runs on {@code owner} when it is an event loop Lettuce can use ({@link SharedLoop}),
     * else on Lettuce's own threads.
     */
    RedisLink(RedisURI uri, String node, String clientName, Duration timeout, java.util.concurrent.Executor owner) {
        for (String s : List.of("write", "touch", "end", "sweep", "takeover")) {
            scripts.put(s, resource(s + ".lua"));
        }
        SharedLoop shared = SharedLoop.of(owner);
        this.sharedLoop = shared == null ? null : (io.netty.util.concurrent.EventExecutor) owner;
        DefaultClientResources.Builder b = DefaultClientResources.builder().computationThreadPoolSize(2);
        if (shared != null) {
            b.eventLoopGroupProvider(shared);
        } else {
            b.ioThreadPoolSize(2);
        }
        resources = b
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2,
                        TimeUnit.MILLISECONDS)).build();
        RedisURI named = RedisURI.builder(uri).withClientName(clientName).withTimeout(timeout).build();
        client = RedisClient.create(resources, named);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(10)))
                .build());
        StatefulRedisConnection<String, String> c = null;
        try {
            c = client.connect(codec);
            commands = c;
            logReader = client.connect(new LogCodec(node));
        } catch (RuntimeException e) {
            if (c != null) {
                c.close();
            }
            client.shutdown(0, 1, TimeUnit.SECONDS);
            resources.shutdown(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        cmd = commands.async();
    }

    private static String resource(String name) {
        try (InputStream in = RedisLink.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("script " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read script " + name, e);
        }
    }

    /** Loads the scripts (again after a restart: Redis forgets them). */
    CompletionStage<Void> loadScripts() {
        List<CompletableFuture<String>> loads = new ArrayList<>();
        scripts.forEach((name, body) -> loads.add(cmd.scriptLoad(body).toCompletableFuture()
                .thenApply(sha -> shas.put(name, sha))));
        return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new));
    }

    private <T> CompletionStage<T> script(String name, ScriptOutputType type, String[] keys, String... args) {
        String sha = shas.get(name);
        if (sha == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("scripts not loaded"));
        }
        return cmd.evalsha(sha, type, keys, args);
    }

    /** Keys as UTF-8 text, values as Redis's bytes undecoded (the records' states and the log's batches). */
    private static RedisCodec<String, byte[]> bytes() {
        return RedisCodec.of(new Utf8Codec(), ByteArrayCodec.INSTANCE);
    }

    /**
     * Sends a command on the commands connection (so in order with the others) whose reply holds binary values:
     * {@code out} decodes them as bytes, whatever the connection's own codec does with its strings.
     */
    @SuppressWarnings("unchecked")
    private <T> CompletionStage<T> withBytes(CommandType type, CommandOutput<String, byte[], T> out,
                                             CommandArgs<String, String> args) {
        return cmd.dispatch(type, (CommandOutput<String, String, T>) (CommandOutput<?, ?, T>) out, args);
    }

    private static final byte[] NO_BYTES = new byte[0];

    /**
     * One session's record as write.lua takes it: how to write it, the session id (and its UTF-8 bytes, kept by
     * {@link SessionTable}: the key and the head are built from them) and its state in {@link StateBytes}'s layout
     * (empty for 'renew'); the head is written by {@link WriteArgs}.
     */
    record Write(String sid, byte[] sidUtf8, long gen, String mode, long ttlMs, byte[] state) {
        /** A heartbeat's renewal of session {@code sid}'s TTL. */
        static Write renew(String sid, byte[] sidUtf8, long gen, long ttlMs) {
            return new Write(sid, sidUtf8, gen, "renew", ttlMs, NO_BYTES);
        }
    }

    /**
     * write.lua: the records of several sessions this node holds, appended to the log as one entry. The call's
     * arguments are encoded straight into the connection's buffer ({@link WriteArgs}): five arguments and a key per
     * session, with no string or argument object made for any of them.
     * @return what was not written, flat: per such write its index (1-based), then "taken", gen, node or "gone";
     *         empty when every write went through
     */
    CompletionStage<List<Object>> write(String node, List<Write> writes) {
        String sha = shas.get("write");
        if (sha == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("scripts not loaded"));
        }
        byte[] name = nodeBytes;
        if (name == null || !node.equals(nodeName)) {
            nodeName = node;
            nodeBytes = name = WriteArgs.bytes(node);
        }
        return cmd.dispatch(CommandType.EVALSHA, new NestedMultiOutput<>(codec),
                new WriteArgs(codec, WriteArgs.bytes(sha), name, LOG_CAP, writes));
    }

    /**
     * touch.lua: a new TTL for a session this node holds; with {@code sent} (a lost connection) the record keeps
     * what was sent, without it (a resume) forgets what an earlier loss kept.
     */
    CompletionStage<List<Object>> touch(String sid, long gen, long ttlMs, SentSoFar sent) {
        String[] keys = {Keys.session(sid), Keys.DUE};
        return sent == null
                ? script("touch", ScriptOutputType.MULTI, keys, sid, Long.toString(gen), Long.toString(ttlMs), "live")
                : script("touch", ScriptOutputType.MULTI, keys, sid, Long.toString(gen), Long.toString(ttlMs), "lost",
                        Long.toString(sent.last()), Long.toString(sent.resumableFrom()));
    }

    /** end.lua. @return 1 if this call ended the session */
    CompletionStage<Long> end(String sid, String node, long gen) {
        return script("end", ScriptOutputType.INTEGER, new String[] {Keys.session(sid), Keys.DUE, Keys.LOG}, sid,
                node, Long.toString(gen), Integer.toString(LOG_CAP));
    }

    /** sweep.lua; its ends are written by {@code writer}, a name no node has. @return {ended, looked at} */
    CompletionStage<List<Object>> sweep(String writer, int batch) {
        return script("sweep", ScriptOutputType.MULTI, new String[] {Keys.DUE, Keys.LOG}, writer,
                Integer.toString(LOG_CAP), Integer.toString(batch), Keys.SESSION_PREFIX);
    }

    /**
     * takeover.lua. @return the session's record (field, value, ...; values as bytes), empty if there is none of
     *         that user
     */
    CompletionStage<List<Object>> takeover(String sid, String node, int user, long ttlMs) {
        String sha = shas.get("takeover");
        if (sha == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("scripts not loaded"));
        }
        return withBytes(CommandType.EVALSHA, new NestedMultiOutput<>(bytes()), new CommandArgs<>(codec).add(sha)
                .add(3).addKeys(Keys.session(sid), Keys.DUE, Keys.LOG).addValues(sid, node).add(user).add(ttlMs)
                .add(LOG_CAP));
    }

    /** Which of sessions {@code sids} have no record (EXISTS of each, pipelined). */
    CompletionStage<List<String>> missing(List<String> sids) {
        List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> asks = new ArrayList<>();
        for (String sid : sids) {
            asks.add(cmd.exists(Keys.session(sid)).toCompletableFuture().thenAccept(n -> {
                if (n == 0) {
                    out.add(sid);
                }
            }));
        }
        return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(v -> out);
    }

    /** The type of each of {@code keys} (TYPE), "none" for a key that does not exist. */
    CompletionStage<Map<String, String>> types(Iterable<String> keys) {
        Map<String, String> out = new java.util.concurrent.ConcurrentHashMap<>();
        List<CompletableFuture<?>> asks = new ArrayList<>();
        for (String k : keys) {
            asks.add(cmd.type(k).toCompletableFuture().thenAccept(t -> out.put(k, t)));
        }
        return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(v -> out);
    }

    /** The data's epoch, setting {@code candidate} if there is none. */
    CompletionStage<String> epoch(String candidate) {
        return cmd.set(Keys.EPOCH, candidate, SetArgs.Builder.nx()).thenCompose(ok -> cmd.get(Keys.EPOCH));
    }

    CompletionStage<String> currentEpoch() {
        return cmd.get(Keys.EPOCH);
    }

    /** The cluster's world digest, setting {@code mine} if there is none. */
    CompletionStage<String> world(String mine) {
        return cmd.set(Keys.WORLD, mine, SetArgs.Builder.nx()).thenCompose(ok -> cmd.get(Keys.WORLD));
    }

    /** The newest entry id of the log, "0-0" if it is empty. */
    CompletionStage<String> logTail() {
        return cmd.xrevrange(Keys.LOG, Range.create("-", "+"), Limit.from(1))
                .thenApply(l -> l.isEmpty() ? "0-0" : l.get(0).getId());
    }

    /** True if the log still holds entry {@code id} (or {@code id} is "0-0" and nothing was trimmed before it). */
    CompletionStage<Boolean> logHolds(String id) {
        return cmd.xrange(Keys.LOG, Range.create(id, "+"), Limit.from(1))
                .thenApply(l -> !l.isEmpty() && l.get(0).getId().equals(id));
    }

    /** Up to {@code count} entries after {@code after}, waiting up to {@code blockMs} for one (own connection). */
    CompletionStage<List<StreamMessage<String, byte[]>>> readLog(String after, int count, long blockMs) {
        return logReader.async().xread(XReadArgs.Builder.block(blockMs).count(count),
                XReadArgs.StreamOffset.from(Keys.LOG, after));
    }

    /**
     * Every session record, by session id: its fields, or (in {@code unreadable}) why they could not be read, such as
     * a key of another type than a hash: one foreign key does not stop the others being read.
     */
    record Snapshot(Map<String, Map<String, byte[]>> records, Map<String, String> unreadable) {
    }

    /** Every session record (SCAN, then HGETALL in a pipeline per batch). */
    CompletionStage<Snapshot> snapshot() {
        Snapshot out = new Snapshot(new java.util.concurrent.ConcurrentHashMap<>(),
                new java.util.concurrent.ConcurrentHashMap<>());
        return scan(ScanCursor.INITIAL, out).thenApply(v -> out);
    }

    private CompletionStage<Void> scan(ScanCursor from, Snapshot out) {
        return cmd.scan(from, ScanArgs.Builder.matches(Keys.SESSION_PREFIX + "*").limit(1000))
                .thenCompose((KeyScanCursor<String> c) -> {
                    List<CompletableFuture<?>> gets = new ArrayList<>();
                    for (String key : c.getKeys()) {
                        gets.add(withBytes(CommandType.HGETALL, new MapOutput<>(bytes()),
                                new CommandArgs<>(codec).addKey(key)).toCompletableFuture().handle((m, err) -> {
                            String sid = key.substring(Keys.SESSION_PREFIX.length());
                            if (err instanceof io.lettuce.core.RedisCommandExecutionException) {
                                out.unreadable().put(sid, RedisErrors.rootMessage(err));
                            } else if (err != null) {
                                throw new java.util.concurrent.CompletionException(err);
                            } else if (!m.isEmpty()) {
                                out.records().put(sid, m);
                            }
                            return null;
                        }));
                    }
                    CompletableFuture<Void> all = CompletableFuture.allOf(gets.toArray(CompletableFuture[]::new));
                    return c.isFinished() ? all : all.thenCompose(v -> scan(c, out));
                });
    }

    /**
     * Runs {@code task} on one of Lettuce's threads after {@code delayNs} (at once if Lettuce has shut down): on the
     * calling thread's own Netty event loop when it has one (a reply's callback), so a command the task sends is
     * written by that loop at once, with no other thread to wake; else on Lettuce's computation threads.
     */
    void later(long delayNs, Runnable task) {
        try {
            io.netty.util.concurrent.EventExecutor here = io.netty.util.internal.ThreadExecutorMap.currentExecutor();
            (here != null && !here.isShuttingDown() ? here : resources.eventExecutorGroup())
                    .schedule(task, delayNs, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            task.run();
        }
    }

    /** Closes both connections at once, as a crash would (tests: a node that dies). */
    void halt() {
        commands.closeAsync();
        logReader.closeAsync();
        client.shutdownAsync(0, 1, TimeUnit.SECONDS);
        resources.shutdown(0, 1, TimeUnit.SECONDS);
    }

    /** True when the connections' I/O runs on the presence thread ({@link SharedLoop}). */
    boolean onPresenceThread() {
        return sharedLoop != null;
    }

    /**
     * Closes both connections, waiting for them, except on the presence thread when it runs their I/O (it cannot
     * wait for itself): there as {@link #halt} does, the channels closing once the caller's task returns.
     */
    @Override
    public void close() {
        if (sharedLoop != null && sharedLoop.inEventLoop()) {
            halt();
            return;
        }
        commands.close();
        logReader.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
