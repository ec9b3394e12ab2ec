package org.sysmodels.vcpu.model.os;

/**
 * A one-way message channel between two threads, as Rust's {@code std::sync::mpsc} that Firecracker's vCPU handles
 * use: the VMM sends {@code VcpuEvent}s on one, the vCPU thread answers with {@code VcpuResponse}s on the other.
 */
public interface Channel<T> {

    /** Sends a message (never blocks: the channel is unbounded). */
    void send(T message);

    /** Waits for a message; in deterministic mode an empty channel gives {@link Received.Empty} ("blocked"). */
    Received<T> recv();

    /** A message if one is there, else {@link Received.Empty}. */
    Received<T> tryRecv();

    /**
     * Waits up to {@code timeoutNs} for a message; {@link Received.Empty} after the timeout. In deterministic mode
     * the wait runs the rest of the simulation (the other threads) in virtual time.
     */
    Received<T> recvTimeout(long timeoutNs);

    /** True if a message is waiting. */
    boolean hasMessages();

    /** Closes the sending side: the receiver gets {@link Received.Disconnected} once the queue is drained. */
    void disconnect();
}
