package org.sysmodels.irp.model.ke;

/**
 * A spin lock (KSPIN_LOCK): free, or owned by one processor. Acquiring one raises the processor to DISPATCH_LEVEL
 * (KeAcquireSpinLock), so the owner cannot be preempted by a thread; the kernel does the raising and the checks.
 */
public final class KSpinLock {

    /** No processor owns the lock. */
    public static final int FREE = -1;

    private final String name;
    private int owner = FREE;

    public KSpinLock(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The owning processor's number, or {@link #FREE}. */
    public int owner() {
        return owner;
    }

    public boolean isFree() {
        return owner == FREE;
    }

    /** Takes the lock for processor {@code cpu}; the caller has checked that it is free. */
    public void take(int cpu) {
        owner = cpu;
    }

    public void free() {
        owner = FREE;
    }
}
