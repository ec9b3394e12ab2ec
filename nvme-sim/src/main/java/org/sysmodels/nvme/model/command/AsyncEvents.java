package org.sysmodels.nvme.model.command;

import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * Asynchronous Event Requests (NVMe 1.4 §5.2): the host leaves up to AERL + 1 of them outstanding; the controller
 * completes one when an event occurs (or when one is already queued), Dword 0 describing it. After an event of a type
 * is reported, further events of that type are not reported until the host reads the associated log page with
 * RAE = 0 (§5.2, §5.14 Retain Asynchronous Event); until then they are counted and dropped.
 */
final class AsyncEvents {

    private final Command[] outstanding;
    private int count;
    private final int[] queued = new int[16];
    private int queuedHead;
    private int queuedCount;
    private boolean errorMasked;
    private long dropped;
    private final Pipeline p;

    AsyncEvents(int limit, Pipeline pipeline) {
        this.outstanding = new Command[limit];
        this.p = pipeline;
    }

    /**
     * An AER arrived: it is kept (the caller makes it HELD, then calls {@link #deliver}).
     * @return SUCCESS if kept, or the limit-exceeded status
     */
    int submit(Command c) {
        if (count == outstanding.length) {
            return StatusCode.ASYNC_EVENT_REQUEST_LIMIT_EXCEEDED.dnr();
        }
        outstanding[count++] = c;
        return Status.SUCCESS;
    }

    /** An event occurred. */
    void raise(int dw0) {
        if (AsyncEvent.type(dw0) == AsyncEvent.TYPE_ERROR && errorMasked) {
            dropped++;
            return;
        }
        if (queuedCount == queued.length) {
            dropped++;
            return;
        }
        queued[(queuedHead + queuedCount++) % queued.length] = dw0;
        deliver(p.flow);
    }

    /** The host read a log page; with RAE = 0 the Error Information page unmasks error events. */
    void logPageRead(int lid, boolean retain) {
        if (lid == AsyncEvent.LOG_ERROR_INFORMATION && !retain) {
            errorMasked = false;
            deliver(p.flow);
        }
    }

    /** True if {@code c} is an outstanding AER (Abort may pick it). */
    boolean remove(Command c) {
        for (int i = 0; i < count; i++) {
            if (outstanding[i] == c) {
                outstanding[i] = outstanding[--count];
                outstanding[count] = null;
                return true;
            }
        }
        return false;
    }

    int outstanding() {
        return count;
    }

    long dropped() {
        return dropped;
    }

    /** Completes held requests with queued events, oldest event first, while both exist and events are unmasked. */
    void deliver(CommandFlow flow) {
        while (count > 0 && queuedCount > 0) {
            int dw0 = queued[queuedHead];
            if (AsyncEvent.type(dw0) == AsyncEvent.TYPE_ERROR && errorMasked) {
                return;
            }
            queuedHead = (queuedHead + 1) % queued.length;
            queuedCount--;
            Command c = outstanding[--count];
            outstanding[count] = null;
            if (AsyncEvent.type(dw0) == AsyncEvent.TYPE_ERROR) {
                errorMasked = true;
            }
            c.result = dw0;
            flow.on(c, CommandEvent.EVENT_RAISED);
        }
    }

    /** Controller reset: outstanding requests and queued events are discarded (§7.3.2). */
    void reset() {
        java.util.Arrays.fill(outstanding, null);
        count = 0;
        queuedCount = 0;
        queuedHead = 0;
        errorMasked = false;
    }
}
