package org.sysmodels.nvme.host.block;

/** A FIFO of requests on a preallocated ring (a blk-mq software queue or a dispatch list). */
final class RequestQueue {

    private final Request[] ring;
    private int head;
    private int size;

    RequestQueue(int capacity) {
        ring = new Request[Math.max(1, capacity)];
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void addLast(Request rq) {
        int i = head + size;
        ring[i >= ring.length ? i - ring.length : i] = rq;
        size++;
    }

    void addFirst(Request rq) {
        head = head == 0 ? ring.length - 1 : head - 1;
        ring[head] = rq;
        size++;
    }

    Request peek() {
        return size == 0 ? null : ring[head];
    }

    /**
     * Removes the head, which the caller has just seen with {@link #peek()}. The slot keeps its stale reference:
     * requests are long-lived and preallocated, so clearing it would only cost a store.
     */
    void dropFirst() {
        head = head + 1 == ring.length ? 0 : head + 1;
        size--;
    }

    Request poll() {
        if (size == 0) {
            return null;
        }
        Request rq = ring[head];
        ring[head] = null;
        head = head + 1 == ring.length ? 0 : head + 1;
        size--;
        return rq;
    }
}
