package org.sysmodels.nvme.host;

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
        ring[(head + size) % ring.length] = rq;
        size++;
    }

    void addFirst(Request rq) {
        head = (head - 1 + ring.length) % ring.length;
        ring[head] = rq;
        size++;
    }

    Request peek() {
        return size == 0 ? null : ring[head];
    }

    Request poll() {
        if (size == 0) {
            return null;
        }
        Request rq = ring[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
        return rq;
    }
}
