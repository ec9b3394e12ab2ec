package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.unix.Limits;
import io.netty.channel.uring.IoUring;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.testing.TestFlags;
import org.sysmodels.presence.gateway.client.NettyTransport;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.transport.NativeTransportProperties;

/**
 * The socket transports (io_uring, epoll, NIO): each available one carries the protocol end to end, server and
 * client on it; {@code --transport} takes the four words and nothing else. The other gateway tests run on the
 * default ({@link NettyTransport#auto()}: {@code -Dpresence.transport=epoll} runs them on epoll).
 */
class TransportTest {

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void eachAvailableTransportCarriesIdentifyAndPresenceFanOut(NettyTransport t) throws Exception {
        if (!t.isAvailable()) {
            // io_uring and epoll are Linux only; CI and this machine are Linux x86-64, where both must load
            assertTrue(!System.getProperty("os.name").startsWith("Linux")
                    || !System.getProperty("os.arch").equals("amd64"), t + " unavailable on Linux x86-64: "
                    + t.unavailableBecause());
            return;
        }
        GatewayConfig cfg = GatewayConfig.defaults().withHeartbeat(Duration.ofSeconds(5)).withIoThreads(2)
                .withTransport(t);
        EventLoopGroup clients = t.group(1);
        try (GatewayServer server = GatewayServer.start(cfg, GatewayProtocolTest.world(), null,
                PresenceObserver.NONE)) {
            String url = server.gatewayUrl() + "?v=10&encoding=json";
            TestClient a = TestClient.connect(t, clients, url);
            TestClient b = TestClient.connect(t, clients, url);
            a.identify("t1003", "online", "web");
            b.identify("t1004", "online", "web");
            a.send(TestClient.status("idle"));
            assertEquals("idle", b.nextPresence("1003").path("d").path("status").asText(),
                    "the friend sees the update over " + t);
            a.send(TestClient.heartbeat(a.lastSeq));
            assertEquals(11, a.next(n -> n.path("op").asInt() == 11).path("op").asInt(), "Heartbeat ACK over " + t);
            assertEquals(Status.IDLE, server.statusOf("1003"));
            a.ws.close(1000);
            b.ws.close(1000);
        } finally {
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The io_uring event loops run with an iovec array of {@code IOV_MAX} entries
     * ({@link NativeTransportProperties#IOVEC}): with Netty's default, ten times that, an event loop with more than
     * 1,024 buffers to send in one turn submits empty writes over and over, and a gateway that fell behind for a
     * moment never caught up. The Redis tests run before this one in the same JVM, and Lettuce loads Netty's io_uring
     * classes too.
     */
    @Test
    void ioUringEventLoopsGatherNoMoreBuffersPerTurnThanOneWritevTakes() throws Exception {
        if (!NettyTransport.IO_URING.isAvailable()) {
            assertTrue(!System.getProperty("os.name").startsWith("Linux")
                    || !System.getProperty("os.arch").equals("amd64"), "io_uring unavailable on Linux x86-64: "
                    + NettyTransport.IO_URING.unavailableBecause());
            return;
        }
        Field entries = IoUring.class.getDeclaredField("NUM_ELEMENTS_IOVEC");
        entries.setAccessible(true);
        assertEquals(Limits.IOV_MAX, entries.getInt(null), "the entries of each io_uring event loop's iovec array");
        assertEquals(String.valueOf(Limits.IOV_MAX), System.getProperty(NativeTransportProperties.IOVEC));
    }

    @Test
    void theFlagTakesAutoOrATransportAndNamesTheChoicesOtherwise() throws Exception {
        Options auto = TestFlags.parse(new ServeCommand().options(), "--transport", "auto");
        assertEquals(NettyTransport.best(), TransportOption.resolve(auto));
        Options nio = TestFlags.parse(new LoadCommand().options(), "--transport", "nio");
        assertEquals(NettyTransport.NIO, TransportOption.resolve(nio));
        UserInputException bad = assertThrows(UserInputException.class,
                () -> TestFlags.parse(new ServeCommand().options(), "--transport", "kqueue"));
        assertTrue(bad.getMessage().contains("io_uring"), bad.getMessage());
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> NettyTransport.choose("uring2"));
        assertTrue(word.getMessage().contains("auto, io_uring, epoll or nio"), word.getMessage());
    }

    @Test
    void anUnavailableTransportIsAUserErrorSayingWhy() throws Exception {
        for (NettyTransport t : NettyTransport.values()) {
            if (!t.isAvailable()) {
                Options o = TestFlags.parse(new ServeCommand().options(), "--transport", t.label());
                UserInputException e = assertThrows(UserInputException.class, () -> TransportOption.resolve(o));
                assertTrue(e.getMessage().contains("not available here"), e.getMessage());
            }
        }
        assertTrue(NettyTransport.NIO.isAvailable());
    }
}
