package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.ke.KSpinLock;
import org.sysmodels.irp.model.ke.Processor;

/**
 * Spin locks (ReactOS ntoskrnl/ke/spinlock.c, hal's KeAcquireSpinLock): acquiring raises to DISPATCH_LEVEL and takes
 * the lock; taking a lock this processor already holds is SPIN_LOCK_ALREADY_OWNED, releasing one it does not hold
 * SPIN_LOCK_NOT_OWNED, and a lock another routine returned holding spins forever. The processor counts the locks it
 * holds (what Driver Verifier's checks at routine exit read) and whether one of them is the cancel spin lock.
 */
final class SpinLocks {

    private final Kernel kernel;
    private final KSpinLock cancelLock;

    SpinLocks(Kernel kernel, KSpinLock cancelLock) {
        this.kernel = kernel;
        this.cancelLock = cancelLock;
    }

    /** KeAcquireSpinLock: raises to DISPATCH_LEVEL and takes the lock. @return the old IRQL */
    int KeAcquireSpinLock(KSpinLock lock) {
        int old = kernel.KeRaiseIrql(Irql.DISPATCH_LEVEL);
        take(lock);
        return old;
    }

    /** KeReleaseSpinLock: frees the lock and returns to {@code oldIrql}. */
    void KeReleaseSpinLock(KSpinLock lock, int oldIrql) {
        release(lock);
        kernel.KeLowerIrql(oldIrql);
    }

    /** KeAcquireSpinLockAtDpcLevel: the caller is at DISPATCH_LEVEL already. */
    void KeAcquireSpinLockAtDpcLevel(KSpinLock lock) {
        take(lock);
    }

    void KeReleaseSpinLockFromDpcLevel(KSpinLock lock) {
        release(lock);
    }

    private void take(KSpinLock lock) {
        Processor p = kernel.current;
        if (lock.owner() == p.number()) {
            kernel.stop(new Stop.BugCheck(Stop.BugCheck.SPIN_LOCK_ALREADY_OWNED, kernel.objectAddress(lock), 0, 0, 0), false);
        }
        if (!lock.isFree()) {
            kernel.stop(new Stop.Hang(Stop.Hang.Kind.SPIN_LOCK, "CPU " + p.number() + " spins forever on " + lock.name()
                    + ": CPU " + lock.owner()
                    + " returned from a routine still holding it"), false);
        }
        lock.take(p.number());
        p.addSpinLock(1);
        if (lock == cancelLock) {
            p.setCancelLockHeld(true);
            RoutineFrame f = kernel.frame();
            if (f != null) {
                f.flags |= RoutineFrame.ACQUIRED_CANCEL_LOCK;
            }
        }
    }

    private void release(KSpinLock lock) {
        Processor p = kernel.current;
        if (lock.owner() != p.number()) {
            kernel.stop(new Stop.BugCheck(Stop.BugCheck.SPIN_LOCK_NOT_OWNED, kernel.objectAddress(lock), 0, 0, 0), false);
        }
        lock.free();
        p.addSpinLock(-1);
        if (lock == cancelLock) {
            p.setCancelLockHeld(false);
        }
    }
}
