package org.sysmodels.nvme.model;

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
    private final Completer completer;

    interface Completer {
        void complete(Command c, int status, int dw0);
    }

    AsyncEvents(int limit, Completer completer) {
        this.outstanding = new Command[limit];
        this.completer = completer;
    }

    /** An AER arrived. @return SUCCESS if held, or the limit-exceeded status */
    int submit(Command c) {
        if (count == outstanding.length) {
            return StatusCode.ASYNC_EVENT_REQUEST_LIMIT_EXCEEDED.dnr();
        }
        c.state = Command.HELD;
        outstanding[count++] = c;
        deliver();
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
        deliver();
    }

    /** The host read a log page; with RAE = 0 the Error Information page unmasks error events. */
    void logPageRead(int lid, boolean retain) {
        if (lid == AsyncEvent.LOG_ERROR_INFORMATION && !retain) {
            errorMasked = false;
            deliver();
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

    private void deliver() {
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
            completer.complete(c, Status.SUCCESS, dw0);
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
