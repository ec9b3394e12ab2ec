package org.sysmodels.irp.model.ke;

/**
 * A kernel event (KEVENT, KeInitializeEvent): a notification event stays signaled until reset; a synchronization
 * event wakes one waiter and resets itself. Waiting is the kernel's job ({@code KeWaitForSingleObject}); this is the
 * state.
 */
public final class KEvent {

    /** EVENT_TYPE. */
    public enum Type {
        NotificationEvent,
        SynchronizationEvent
    }

    private final Type type;
    private boolean signaled;

    public KEvent(Type type, boolean signaled) {
        this.type = type;
        this.signaled = signaled;
    }

    public Type type() {
        return type;
    }

    /** KeReadStateEvent. */
    public boolean signaled() {
        return signaled;
    }

    /** KeSetEvent: @return the previous state */
    public boolean set() {
        boolean was = signaled;
        signaled = true;
        return was;
    }

    /** KeClearEvent / KeResetEvent. */
    public void clear() {
        signaled = false;
    }

    /** A satisfied wait on a synchronization event resets it. */
    public void consume() {
        if (type == Type.SynchronizationEvent) {
            signaled = false;
        }
    }
}
