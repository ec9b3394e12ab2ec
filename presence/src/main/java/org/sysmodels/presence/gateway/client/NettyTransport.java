package org.sysmodels.presence.gateway.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;
import org.sysmodels.presence.transport.NativeTransportProperties;

/**
 * The socket transport of the gateway and the load generator (Netty's, one per process):
 * <ul>
 *   <li>{@code io_uring}: Linux's io_uring (io_uring(7)); each write and read is a submission queue entry, and the
 *       event loop submits a whole turn's entries and waits for completions in one {@code io_uring_enter(2)}
 *       instead of one {@code writev}/{@code sendto}/{@code recvfrom} per connection plus {@code epoll_wait};</li>
 *   <li>{@code epoll}: Linux's epoll, one system call per read or flushed write (fewer copies than NIO and no
 *       selected-key set);</li>
 *   <li>{@code nio}: Java NIO, everywhere.</li>
 * </ul>
 * {@link #auto()} is what a process uses unless told: the system property {@code presence.transport} if set (how
 * the tests and the bench rows' child processes are switched), else the first available of
 * {@link #PREFERENCE}.
 */
public enum NettyTransport {
    IO_URING("io_uring"), EPOLL("epoll"), NIO("nio");

    /** The property that overrides {@link #auto()}: auto, io_uring, epoll or nio. */
    public static final String PROPERTY = "presence.transport";

    /**
     * {@link #auto()}'s order when nothing is forced: epoll first. An io_uring gateway cut the system calls per
     * delivery by about 85% and, with 20,000 connections each receiving about 2.5 frames a second, the CPU per
     * delivery by 20-30% on both sides; it was kept second because it collapsed whenever it fell behind, which
     * turned out to be Netty's empty-write loop that {@link NativeTransportProperties#IOVEC} now avoids
     * (docs/presence.md, "io_uring against epoll" and "A collapse that did not recover"). epoll stays first until
     * io_uring has a record of its own without that loop: it needs no io_uring support from the kernel (which
     * containers often switch off, {@code kernel.io_uring_disabled}) and has no completion queue to overflow when
     * thousands of sockets close at once.
     */
    public static final java.util.List<NettyTransport> PREFERENCE = java.util.List.of(EPOLL, IO_URING, NIO);

    /**
     * io_uring completion queue entries per event loop (16 B each): the kernel's largest (IORING_MAX_CQ_ENTRIES,
     * 65,536). 32,768 overflowed at the end of a load run, when 10,000 connections closed at once (each close
     * completes several entries); Netty then drains the kernel's backlog on a slower path and warns each time.
     */
    static final int CQ_SIZE = 65_536;

    static {
        NativeTransportProperties.beforeNettyLoads();
    }

    private final String label;

    NettyTransport(String label) {
        this.label = label;
    }

    /** The flag's word for it ({@code io_uring}, {@code epoll}, {@code nio}). */
    public String label() {
        return label;
    }

    /** Whether this transport works in this process (native library loaded, kernel support). */
    public boolean isAvailable() {
        return switch (this) {
            case IO_URING -> IoUring.isAvailable();
            case EPOLL -> Epoll.isAvailable();
            case NIO -> true;
        };
    }

    /** Why it does not ({@code null} when it does). */
    public String unavailableBecause() {
        Throwable t = switch (this) {
            case IO_URING -> IoUring.isAvailable() ? null : IoUring.unavailabilityCause();
            case EPOLL -> Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
            case NIO -> null;
        };
        return t == null ? null : String.valueOf(t.getMessage() != null ? t.getMessage() : t);
    }

    /** The transport this process uses unless told otherwise ({@link #PROPERTY}, else the best available). */
    public static NettyTransport auto() {
        String forced = System.getProperty(PROPERTY);
        return forced == null || forced.isBlank() ? best() : choose(forced);
    }

    /** The first available of {@link #PREFERENCE}. */
    public static NettyTransport best() {
        for (NettyTransport t : PREFERENCE) {
            if (t.isAvailable()) {
                return t;
            }
        }
        return NIO;
    }

    /**
     * {@code auto}, {@code io_uring}, {@code epoll} or {@code nio} (case-insensitive) as a transport; an
     * {@link IllegalArgumentException} saying what is allowed, or why the one asked for cannot run here.
     */
    public static NettyTransport choose(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        if (w.equals("auto")) {
            return best();
        }
        for (NettyTransport t : values()) {
            if (t.label.equals(w) || (t == IO_URING && w.equals("iouring"))) {
                if (!t.isAvailable()) {
                    throw new IllegalArgumentException(t.label + " is not available here (" + t.unavailableBecause()
                            + "); use auto, or one of " + availableLabels());
                }
                return t;
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not a transport: auto, io_uring, epoll or nio");
    }

    private static String availableLabels() {
        StringBuilder b = new StringBuilder();
        for (NettyTransport t : values()) {
            if (t.isAvailable()) {
                b.append(b.isEmpty() ? "" : ", ").append(t.label);
            }
        }
        return b.toString();
    }

    public EventLoopGroup group(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, handler());
    }

    private IoHandlerFactory handler() {
        return switch (this) {
            // a completion queue with room for one completion per socket of a full process (20,000 descriptors
            // here): when every connection becomes readable at once (a close, a burst of heartbeats) the default
            // 4,096 entries overflow into the kernel's backlog (Netty warns and drains it on a slower path)
            case IO_URING -> IoUringIoHandler.newFactory(new IoUringIoHandlerConfig().setCqSize(CQ_SIZE));
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }

    public Class<? extends ServerChannel> serverChannel() {
        return switch (this) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    public Class<? extends SocketChannel> socketChannel() {
        return switch (this) {
            case IO_URING -> IoUringSocketChannel.class;
            case EPOLL -> EpollSocketChannel.class;
            case NIO -> NioSocketChannel.class;
        };
    }

    /** Whether the native channels take {@code UnixChannelOption.SO_REUSEPORT} (the JDK's option otherwise). */
    public boolean isNative() {
        return this != NIO;
    }

    @Override
    public String toString() {
        return label;
    }
}
