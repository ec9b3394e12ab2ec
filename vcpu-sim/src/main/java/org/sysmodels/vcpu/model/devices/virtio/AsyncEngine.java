package org.sysmodels.vcpu.model.devices.virtio;

import java.util.ArrayDeque;
import org.sysmodels.vcpu.model.os.TimerFd;

/**
 * The requests a block device's {@code Async} engine has in flight (Firecracker's io_uring engine,
 * {@code devices/virtio/block/virtio/io/async_io.rs}), modelled as a fixed latency: a request submitted at
 * {@code t} completes at {@code t + latencyNs}, in submission order, and the completion timer (the ring's eventfd)
 * is armed for the oldest.
 */
final class AsyncEngine {

    private final ArrayDeque<Block.InFlight> inFlight = new ArrayDeque<>();
    private final long latencyNs;
    private final TimerFd completionTimer;

    AsyncEngine(long latencyNs, TimerFd completionTimer) {
        this.latencyNs = latencyNs;
        this.completionTimer = completionTimer;
    }

    TimerFd completionTimer() {
        return completionTimer;
    }

    int size() {
        return inFlight.size();
    }

    /** {@code r} goes in flight, due {@code latencyNs} after {@code now}. */
    void submit(Block.InFlight r, long now) {
        inFlight.add(new Block.InFlight(r.head(), r.type(), r.sector(), r.dataAddr(), r.dataLen(), r.statusAddr(),
                now + latencyNs));
        arm(now);
    }

    /** The oldest request if it is due at {@code now}, taken out; else null. */
    Block.InFlight nextDue(long now) {
        Block.InFlight r = inFlight.peekFirst();
        return r != null && r.completeAt() <= now ? inFlight.pollFirst() : null;
    }

    /** The oldest request, due or not, taken out; null if none (draining). */
    Block.InFlight next() {
        return inFlight.pollFirst();
    }

    void clear() {
        inFlight.clear();
    }

    /** Arms the completion timer for the oldest request, if any. */
    void arm(long now) {
        Block.InFlight r = inFlight.peekFirst();
        if (r != null) {
            completionTimer.arm(Math.max(0, r.completeAt() - now));
        }
    }
}
