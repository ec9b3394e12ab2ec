package org.sysmodels.nvme.model.command;

import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * Asynchronous Event Requests (NVMe 1.4 §5.2): the host leaves up to AERL + 1 of them outstanding; the controller
 * completes one when an event occurs (or when one is already queued), Dword 0 describing it. After an event of a type
 * is reported, further events of that type are not reported until the host reads the associated log page (Error
 * Information for Error status, SMART / Health Information for SMART / Health status) with RAE = 0 (§5.2, §5.14
 * Retain Asynchronous Event); until then they are counted and dropped.
 */
final class AsyncEvents {

    private final Command[] outstanding;
    private int count;
    private final int[] queued = new int[16];
    private int queuedHead;
    private int queuedCount;
    /** Per event type (bit = type): reported and not yet cleared by reading its log page. */
    private int masked;
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
        if (masked(dw0)) {
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

    /** The host read a log page; with RAE = 0 the page unmasks the event type it is associated with. */
    void logPageRead(int lid, boolean retain) {
        if (retain) {
            return;
        }
        int type = switch (lid) {
            case AsyncEvent.LOG_ERROR_INFORMATION -> AsyncEvent.TYPE_ERROR;
            case AsyncEvent.LOG_SMART_HEALTH -> AsyncEvent.TYPE_SMART;
            default -> -1;
        };
        if (type >= 0 && (masked & 1 << type) != 0) {
            masked &= ~(1 << type);
            deliver(p.flow);
        }
    }

    private boolean masked(int dw0) {
        return (masked & 1 << AsyncEvent.type(dw0)) != 0;
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
            if (masked(dw0)) {
                return;
            }
            queuedHead = (queuedHead + 1) % queued.length;
            queuedCount--;
            Command c = outstanding[--count];
            outstanding[count] = null;
            masked |= 1 << AsyncEvent.type(dw0);
            c.result = dw0;
            flow.on(c, CommandEvent.EVENT_RAISED);
        }
    }

    /** Controller reset: outstanding requests and queued events are discarded (NVMe 1.4 Controller Level Reset). */
    void reset() {
        java.util.Arrays.fill(outstanding, null);
        count = 0;
        queuedCount = 0;
        queuedHead = 0;
        masked = 0;
    }
}
