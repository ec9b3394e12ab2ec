package org.sysmodels.irp.model.ke;

/**
 * A spin lock (KSPIN_LOCK): free, or owned by one processor. Acquiring one raises the processor to DISPATCH_LEVEL
 * (KeAcquireSpinLock), so the owner cannot be preempted by a thread; the kernel does the raising and the checks. For a
 * student's driver the WDM layer notes the lines that initialized and last acquired it, so a finding can say which
 * lock of theirs it is (a KSPIN_LOCK is only an address to Windows; the debugger shows its symbol).
 */
public final class KSpinLock {

    /** No processor owns the lock. */
    public static final int FREE = -1;

    private final String name;
    private int owner = FREE;
    private String initializedAt;
    private String acquiredAt;

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

    /** The student's line that initialized it ("MyFilter.java:40 (MyFilter.DriverEntry)"), or null. */
    public String initializedAt() {
        return initializedAt;
    }

    public void noteInitializedAt(String line) {
        initializedAt = line;
    }

    /** The student's line that last acquired it, or null. */
    public String acquiredAt() {
        return acquiredAt;
    }

    public void noteAcquiredAt(String line) {
        acquiredAt = line;
    }
}
