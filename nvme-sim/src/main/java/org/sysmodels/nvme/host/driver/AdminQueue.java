package org.sysmodels.nvme.host.driver;

import java.util.function.Consumer;
import org.sysmodels.core.sched.Action;
import org.sysmodels.nvme.host.platform.Platform;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.queue.Sqe;

/**
 * The admin queue pair with its outstanding commands: each command gets a free CID and a callback, and a timer of
 * the admin timeout (Asynchronous Event Requests excepted: they may stay outstanding forever).
 */
final class AdminQueue {

    final QueuePair queue;
    private final Platform platform;
    private final AdminCallback[] callbacks;
    private final long[] timers;
    private final long timeout;
    private final Consumer<String> onTimeout;
    private final Action expire;

    AdminQueue(QueuePair queue, Platform platform, long timeout, Consumer<String> onTimeout) {
        this.queue = queue;
        this.platform = platform;
        this.callbacks = new AdminCallback[queue.entries - 1];
        this.timers = new long[queue.entries - 1];
        this.timeout = timeout;
        this.onTimeout = onTimeout;
        this.expire = cid -> expired((int) cid);
    }

    /** Fills the queue's SQE with {@code build}, gives it a CID, writes it and rings the doorbell. */
    boolean submit(Consumer<Sqe> build, AdminCallback callback, boolean timed) {
        int cid = -1;
        for (int i = 0; i < callbacks.length; i++) {
            if (callbacks[i] == null) {
                cid = i;
                break;
            }
        }
        if (cid < 0 || queue.sqFull()) {
            return false;
        }
        build.accept(queue.sqe.clear());
        queue.sqe.cid(cid);
        callbacks[cid] = callback;
        timers[cid] = timed ? platform.after(timeout, expire, cid) : 0;
        queue.push();
        queue.ring();
        return true;
    }

    /** A completion for {@code cid} arrived on the admin CQ. @return false if no command had that CID */
    boolean complete(int cid, Cqe cqe) {
        if (cid >= callbacks.length || callbacks[cid] == null) {
            return false;
        }
        AdminCallback cb = callbacks[cid];
        callbacks[cid] = null;
        if (timers[cid] != 0) {
            platform.cancel(timers[cid]);
        }
        cb.done(cqe);
        return true;
    }

    /** Forgets every outstanding command (controller reset), telling each callback with a null entry. */
    void cancelAll() {
        for (int cid = 0; cid < callbacks.length; cid++) {
            AdminCallback cb = callbacks[cid];
            if (cb != null) {
                callbacks[cid] = null;
                if (timers[cid] != 0) {
                    platform.cancel(timers[cid]);
                }
                cb.done(null);
            }
        }
    }

    private void expired(int cid) {
        if (callbacks[cid] != null) {
            timers[cid] = 0;
            onTimeout.accept("admin command " + cid + " timed out");
        }
    }
}
