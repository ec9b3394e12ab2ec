package org.sysmodels.vcpu.model.os;

/**
 * What a receive on a channel gave, as Rust's {@code Result<T, TryRecvError>}: a message, nothing yet (only from a
 * non-blocking receive, and from a blocking one in deterministic mode, where "blocked" means "come back later"), or
 * a closed channel.
 */
public sealed interface Received<T> {

    record Message<T>(T value) implements Received<T> {
    }

    record Empty<T>() implements Received<T> {
    }

    record Disconnected<T>() implements Received<T> {
    }
}
