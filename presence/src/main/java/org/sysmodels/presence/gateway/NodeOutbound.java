package org.sysmodels.presence.gateway;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;
import org.sysmodels.presence.cluster.redis.Hops;

/**
 * Everything the engine sends to the connections of one event loop (one fan-out node), in the order it was sent:
 * each change's PRESENCE_UPDATE frames ({@link PresenceFrames}) and other work (READY, closes) as tasks. The engine offers; the event loop drains
 * the whole queue in one task, writes every frame, then flushes each connection it wrote to once. While the event
 * loop is busy, offers pile up and the next drain writes them with one flush (one {@code write(2)}) per connection,
 * however many updates it carries: the cost per delivery falls as the load rises (Netty's
 * FlushConsolidationHandler does the same per channel; here it is per node). The queue is JCTools' field-updater
 * variant (no sun.misc.Unsafe, which JDK 24 and later warn about).
 */
final class NodeOutbound {

    /** A drain writes about this many frames (or tasks) before flushing and letting the event loop read. */
    private static final int BATCH = 4096;

    private final EventLoop loop;
    private final MpscUnboundedAtomicArrayQueue<Object> queue = new MpscUnboundedAtomicArrayQueue<>(1024);
    /** True while a drain task is queued or running and will see what is offered now. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;
    /** The connections written during one drain (event loop only). */
    private final List<GatewayConnection> dirty = new ArrayList<>();
    /** One body per change written in this drain, for {@link Hops} (only when on). */
    private final List<byte[]> hopsDrained = new ArrayList<>();

    NodeOutbound(EventLoop loop) {
        this.loop = loop;
    }

    EventLoop loop() {
        return loop;
    }

    /** Items queued now (any thread; approximate). */
    int size() {
        return queue.size();
    }

    /** Queues one change's frames for connections of this event loop (any thread; the engine's). */
    void offer(PresenceFrames frames) {
        offerItem(frames);
    }

    /** Queues work for the event loop, ordered with the frames (any thread). */
    void offer(Runnable task) {
        offerItem(task);
    }

    private void offerItem(Object item) {
        // The queue's offer is a volatile write (a CAS on the producer index); the volatile read of `scheduled`
        // after it pairs with drain()'s volatile write of false before its polls: either this thread sees false
        // and schedules a drain, or that drain's poll sees this item.
        queue.offer(item);
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            try {
                loop.execute(drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the event loop has stopped (the node is closing): its connections are closed, nothing to write
            }
        }
    }

    private void drain() {
        scheduled.set(false);
        int n = 0;
        for (Object o = queue.poll(); o != null; o = queue.poll()) {
            if (o instanceof PresenceFrames f) {
                for (int i = 0, count = f.count(); i < count; i++) {
                    GatewayConnection c = f.connection(i);
                    if (c.writePresence(f.body(i), f.seq(i))) {
                        dirty.add(c);
                    }
                }
                n += f.count();
                if (Hops.ON && f.count() > 0) {
                    hopsDrained.add(f.body(0));
                }
            } else {
                ((Runnable) o).run();
                n++;
            }
            if (n >= BATCH) {
                // give the loop's reads a turn; the rest in the next drain
                if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
                    loop.execute(drain);
                }
                break;
            }
        }
        for (int i = 0, size = dirty.size(); i < size; i++) {
            dirty.get(i).flushWritten();
        }
        dirty.clear();
        if (Hops.ON) {
            Hops.flushed(hopsDrained);
        }
    }
}
