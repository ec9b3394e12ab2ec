package org.sysmodels.presence.gateway.load;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.sysmodels.presence.gateway.client.WsClient;

/**
 * The load's open-loop sender, a timer task on one event loop: each tick sends as many updates as the rate owes by
 * then, from random ready connections (directly for the connections of its own loop, as one task per other loop).
 * Open loop: what it owes depends on the clock only, never on what came back, so a slow gateway shows as latency.
 */
final class Sender implements Runnable {

    private final List<LoadGenerator.Conn> conns;
    private final double perSecond;
    private final String tag;
    private final long start;
    private final long end;
    private long attempted;

    Sender(List<LoadGenerator.Conn> conns, double perSecond, String tag, long start, long end) {
        this.conns = conns;
        this.perSecond = perSecond;
        this.tag = tag;
        this.start = start;
        this.end = end;
    }

    @Override
    public void run() {
        long now = Math.min(System.nanoTime(), end);
        long owed = (long) (perSecond * (now - start) / 1e9) - attempted;
        Map<EventLoop, List<LoadGenerator.Conn>> elsewhere = null;
        for (; owed > 0; owed--) {
            attempted++;
            LoadGenerator.Conn c = conns.get(ThreadLocalRandom.current().nextInt(conns.size()));
            WsClient ws = c.ws;
            if (!c.ready || ws == null) {
                continue;
            }
            EventLoop loop = ws.channel().eventLoop();
            if (loop.inEventLoop()) {
                c.sendUpdate(tag);
            } else {
                if (elsewhere == null) {
                    elsewhere = new IdentityHashMap<>();
                }
                elsewhere.computeIfAbsent(loop, k -> new ArrayList<>()).add(c);
            }
        }
        if (elsewhere != null) {
            elsewhere.forEach((loop, list) -> loop.execute(() -> {
                for (LoadGenerator.Conn c : list) {
                    c.sendUpdate(tag);
                }
            }));
        }
    }
}
