package org.sysmodels.presence.cluster.redis;

import io.lettuce.core.resource.EventLoopGroupProvider;
import io.lettuce.core.resource.Transports;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce's I/O on the node's presence thread, when that thread is a Netty I/O event loop of the transport Lettuce
 * uses (Lettuce's {@code EventLoopGroupProvider}: "the event loop group ... for the Redis connections"). Then a
 * command the presence thread sends is written to the socket by the same thread, with no other thread to wake
 * (Netty writes at once from inside the channel's loop, else queues a task and wakes the loop through its eventfd), and
 * a reply completes its future on the thread that handles it: each write call and each log read costs no thread
 * hand-off, no futex wake-up, no second {@code epoll_wait} loop. The provider lends the loop's own group (of one loop,
 * so every channel lands on it) and never shuts it down: its owner does.
 */
final class SharedLoop implements EventLoopGroupProvider {

    private final EventLoopGroup group;

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
