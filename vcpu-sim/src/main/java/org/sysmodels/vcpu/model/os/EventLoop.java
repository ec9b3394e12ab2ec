package org.sysmodels.vcpu.model.os;

/**
 * The VMM thread's epoll loop (Firecracker's {@code event_manager}): each registered fd has a handler that runs on
 * the VMM thread when the fd becomes readable. In deterministic mode the handlers run as scheduler events on the VMM
 * track; while the VMM thread is busy with an API request (a pause waiting for its vCPUs), they wait, as they would
 * behind a blocked thread.
 */
public interface EventLoop {

    /** Runs {@code handler} on the VMM thread whenever {@code fd} is written. */
    void register(EventFd fd, Runnable handler);
}
