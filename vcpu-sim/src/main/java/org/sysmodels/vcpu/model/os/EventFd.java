package org.sysmodels.vcpu.model.os;

/**
 * An eventfd(2): a counter one side adds to and the other reads (and resets), with the reader woken by the event
 * loop it is registered with. Firecracker signals with them everywhere: a vCPU's exit ({@code exit_evt}), a virtio
 * queue notification (an ioeventfd: KVM writes it when the guest writes QueueNotify), a device interrupt (an irqfd:
 * KVM injects the interrupt when the VMM writes it), a rate limiter's timer (a timerfd, read the same way).
 */
public interface EventFd {

    /** Adds {@code n} to the counter and wakes the reader. */
    void write(long n);

    /** The counter, reset to 0 (0 when nothing was written: EAGAIN for a non-blocking eventfd). */
    long read();

    /** A name for traces ("exit_evt", "blk0 queue_evt"). */
    String name();
}
