package org.sysmodels.presence.transport;

/**
 * System properties that Netty's native transports read once, when their classes load, so they must be set before:
 * by every class of this module that may be the first to load them, the gateway's {@code NettyTransport} and, before
 * Lettuce starts, {@code cluster.redis.SharedLoop} (Lettuce 7.7's {@code IOUringProvider} initialises Netty's
 * {@code IoUring} whether or not it uses it). A property the process has set itself is left alone.
 */
public final class NativeTransportProperties {

    /**
     * Netty's property for the entries of each io_uring event loop's iovec array, set to Linux's {@code IOV_MAX}
     * (1,024, the most {@code writev(2)} takes). In Netty 4.2.18 all the channels whose writes go into one submission
     * share that array ({@code IoUringIoHandler.iovArray()}, 10 × {@code IOV_MAX} entries by default), which is
     * submitted early only when its memory is full; but {@code IovArray.add} refuses every entry once the array
     * holds {@code IOV_MAX} in all. Past that, each further channel with two or more buffers to send submits a
     * WRITEV with no iovecs; it completes with 0 bytes, which Netty counts as progress and submits again from the
     * completion. With thousands of connections behind at once (after a stall of the process, or with few
     * connections receiving many frames each) the event loop spends itself on empty writes and does not recover:
     * 260,431 zero-byte WRITEV completions in one second from 4,395 channels, reads starved, sessions closed 4009
     * for missed heartbeats (traced with {@code perf record -e io_uring:io_uring_complete}; docs/presence.md, "A
     * collapse that did not recover"). Sized at {@code IOV_MAX}, the array is full exactly when {@code add} would
     * refuse, so Netty submits it and the next channel starts a fresh one.
     */
    public static final String IOVEC = "io.netty.iouring.numElementsIoVec";

    /** Linux's {@code UIO_MAXIOV} (Netty's {@code Limits.IOV_MAX}, which loads the native library to read it). */
    public static final int IOV_MAX = 1024;

    private NativeTransportProperties() {
    }

    /** Sets what the process has not (idempotent; any thread, before Netty's native classes load). */
    public static void beforeNettyLoads() {
        if (System.getProperty(IOVEC) == null) {
            System.setProperty(IOVEC, String.valueOf(IOV_MAX));
        }
    }
}
