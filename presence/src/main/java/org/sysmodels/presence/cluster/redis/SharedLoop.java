package org.sysmodels.presence.cluster.redis;

import io.lettuce.core.resource.EventLoopGroupProvider;
import io.lettuce.core.resource.Transports;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.RejectedExecutionHandlers;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.sysmodels.presence.transport.NativeTransportProperties;

/**
 * Lettuce's I/O on the node's presence thread, when that thread is a Netty I/O event loop of the transport Lettuce
 * uses (Lettuce's {@code EventLoopGroupProvider}: "the event loop group ... for the Redis connections"). Then a
 * command the presence thread sends is written to the socket by the same thread, with no other thread to wake
 * (Netty writes at once from inside the channel's loop, else queues a task and wakes the loop through its eventfd), and
 * a reply completes its future on the thread that handles it: each write call and each log read costs no thread
 * hand-off, no futex wake-up, no second {@code epoll_wait} loop. The provider lends the loop's own group (of one loop,
 * so every channel lands on it) and never shuts it down: its owner does.
 */
public final class SharedLoop implements EventLoopGroupProvider {

    /**
     * How long the presence thread runs queued tasks before it looks at its sockets again. Netty's default is 1 s
     * ({@code io.netty.eventLoop.maxTaskProcessingQuantumMs}): a thread behind on its tasks would leave Redis's
     * answers and the log's entries unread that long; here at most the write linger ({@link WriteQueue#LINGER_NS}).
     */
    static final long TASK_QUANTUM_MS = WriteQueue.LINGER_NS / 1_000_000L;

    private final EventLoopGroup group;

    static {
        epollForLettuce();
    }

    /**
     * Tells Lettuce not to consider io_uring, before its transport classes load (they read the property once): with
     * both native transports on the class path (the gateway ships Netty's io_uring for its own sockets) Lettuce picks
     * epoll anyway and logs a warning saying so; this class and {@link RedisLink} lend or use epoll loops. Lettuce
     * initialises Netty's io_uring classes all the same, so Netty's own properties are set here too
     * ({@link NativeTransportProperties}).
     */
    static void epollForLettuce() {
        NativeTransportProperties.beforeNettyLoads();
        if (System.getProperty("io.lettuce.core.iouring") == null) {
            System.setProperty("io.lettuce.core.iouring", "false");
        }
    }

    /**
     * A presence thread named {@code name} on which a node's Redis connections can run: an I/O event loop of the
     * transport Lettuce uses (epoll, else NIO), alone in its group, running tasks for at most
     * {@link #TASK_QUANTUM_MS} between looks at its sockets. Shut it down with
     * {@link EventExecutor#shutdownGracefully()}.
     */
    public static EventExecutor presenceThread(String name) {
        IoHandlerFactory io = presenceThreadIsEpoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new OneLoop(new DefaultThreadFactory(name), io).next();
    }

    /** True when {@link #presenceThread} makes an epoll event loop (Lettuce's transport is epoll here). */
    public static boolean presenceThreadIsEpoll() {
        return Transports.socketChannelClass() == EpollSocketChannel.class;
    }

    /** A group of one I/O event loop with a short task quantum ({@link #TASK_QUANTUM_MS}). */
    private static final class OneLoop extends MultiThreadIoEventLoopGroup {
        OneLoop(ThreadFactory threads, IoHandlerFactory io) {
            super(1, threads, io, new Object[0]);
        }

        @Override
        protected IoEventLoop newChild(Executor executor, IoHandlerFactory io, Object... args) {
            return new SingleThreadIoEventLoop(this, executor, io, Integer.MAX_VALUE,
                    RejectedExecutionHandlers.reject(), TASK_QUANTUM_MS);
        }
    }

    private SharedLoop(EventLoopGroup group) {
        this.group = group;
    }

    /**
     * The provider for {@code owner}, or null when Lettuce must keep its own threads: the owner is not an I/O event
     * loop, its group has more than one loop (a channel could land on another), or its transport is not the one
     * Lettuce chose (epoll, else NIO).
     */
    static SharedLoop of(Executor owner) {
        if (!(owner instanceof IoEventLoop loop) || !(loop.parent() instanceof EventLoopGroup parent)
                || !Transports.eventLoopGroupClass().isInstance(parent)) {
            return null;
        }
        int loops = 0;
        for (var ignored : parent) {
            loops++;
        }
        Class<?> channel = Transports.socketChannelClass();
        Class<? extends IoHandler> io = channel == EpollSocketChannel.class ? EpollIoHandler.class
                : channel == NioSocketChannel.class ? NioIoHandler.class : null;
        return loops == 1 && io != null && loop.isIoType(io) ? new SharedLoop(parent) : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends EventLoopGroup> T allocate(Class<T> type) {
        if (!type.isInstance(group)) {
            throw new IllegalStateException("Lettuce asked for a " + type.getName() + ", the presence thread is a "
                    + group.getClass().getName());
        }
        return (T) group;
    }

    @Override
    public int threadPoolSize() {
        return 1;
    }

    @Override
    public Future<Boolean> release(EventExecutorGroup eventLoopGroup, long quietPeriod, long timeout, TimeUnit unit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }

    @Override
    public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit timeUnit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }
}
