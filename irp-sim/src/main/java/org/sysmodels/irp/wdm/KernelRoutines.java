package org.sysmodels.irp.wdm;

import org.sysmodels.core.student.StudentFault;
import org.sysmodels.irp.model.io.IoCompletion;
import org.sysmodels.irp.model.io.IoManager;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.io.PoolBlock;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.ke.DeferredRoutine;
import org.sysmodels.irp.model.ke.KEvent;
import org.sysmodels.irp.model.ke.KSpinLock;
import org.sysmodels.irp.model.ke.Kdpc;

/**
 * The kernel's (Ke) and executive's (Ex) support routines a WDM driver calls, with their WDM names (IRQL, spin locks,
 * DPCs, events and waits, pool), and the driver's link to the machine it runs on. {@link WdmDriver} adds the I/O
 * manager's (Io) routines; a driver extends that class, never this one. The split follows the WDK reference's
 * "Driver Support Routines" (Kernel (Ke) routines, Executive (Ex) support routines, I/O manager routines).
 */
public abstract class KernelRoutines implements WdmConstants {

    private static final StackWalker WALKER = StackWalker.getInstance();

    Kernel kernel;
    IoManager io;
    /** IofCompleteRequest itself (IoCompleteRequest is the macro calling it), one call level fewer. */
    IoCompletion completion;
    /** Loaded from a student's file: each call into the system notes the student's line on the running routine. */
    boolean student;

    /** Only {@link WdmDriver} extends this class. */
    KernelRoutines() {
    }

    /** The system calls this before DriverEntry; a driver never does. */
    public final void attach(Kernel k) {
        this.kernel = k;
        this.io = k.io();
        this.completion = io.completion();
        ClassLoader loader = getClass().getClassLoader();
        this.student = loader != null && StudentFault.isStudentFrame(new StackTraceElement(loader.getName(), null,
                null, getClass().getName(), "attach", null, -1));
    }

    /**
     * Notes on the running routine's frame the student's line that made the current call, so that a rule the call
     * breaks now, or one judged when the routine returns (after the student's frame is gone), can name
     * {@code MyFilter.java:42}. @return that line, or null
     */
    final String noteCaller() {
        RoutineFrame f = kernel.frame();
        String line = studentLine();
        if (f != null && line != null) {
            f.noteSource(line);
        }
        return line;
    }

    /** The student's innermost line on the Java stack ("MyFilter.java:42 (MyFilter.DispatchRead)"), or null. */
    private static String studentLine() {
        StackTraceElement e = WALKER.walk(frames -> frames.map(StackWalker.StackFrame::toStackTraceElement)
                .filter(StudentFault::isStudentFrame).findFirst().orElse(null));
        return e == null ? null : StudentFault.describe(e);
    }

    /** The machine this driver runs on (for the host code that loads it). */
    protected final Kernel kernel() {
        return kernel;
    }

    // ------------------------------------------------------------------ DPCs

    /** KeInitializeDpc (the DPC object is the return value). */
    protected final Kdpc KeInitializeDpc(DeferredRoutine DeferredRoutine, Object DeferredContext) {
        if (student) {
            noteCaller();
        }
        return io.devices().KeInitializeDpc(getClass().getSimpleName() + " DPC", DeferredRoutine, DeferredContext);
    }

    protected final boolean KeInsertQueueDpc(Kdpc Dpc, Object SystemArgument1, Object SystemArgument2) {
        if (student) {
            noteCaller();
        }
        return kernel.KeInsertQueueDpc(Dpc, SystemArgument1, SystemArgument2);
    }

    // ------------------------------------------------------------------ IRQL, spin locks, events

    protected final int KeGetCurrentIrql() {
        if (student) {
            noteCaller();
        }
        return kernel.KeGetCurrentIrql();
    }

    /** KeRaiseIrql (the old IRQL is the return value). */
    protected final int KeRaiseIrql(int NewIrql) {
        if (student) {
            noteCaller();
        }
        return kernel.KeRaiseIrql(NewIrql);
    }

    protected final void KeLowerIrql(int NewIrql) {
        if (student) {
            noteCaller();
        }
        kernel.KeLowerIrql(NewIrql);
    }

    /** KeInitializeSpinLock (the lock is the return value). */
    protected final KSpinLock KeInitializeSpinLock() {
        KSpinLock lock = new KSpinLock(getClass().getSimpleName() + " lock");
        if (student) {
            lock.noteInitializedAt(noteCaller());
        }
        return lock;
    }

    /** KeAcquireSpinLock (the old IRQL is the return value). */
    protected final int KeAcquireSpinLock(KSpinLock SpinLock) {
        if (!student) {
            return kernel.KeAcquireSpinLock(SpinLock);
        }
        String line = noteCaller();
        int old = kernel.KeAcquireSpinLock(SpinLock);
        SpinLock.noteAcquiredAt(line);
        return old;
    }

    protected final void KeReleaseSpinLock(KSpinLock SpinLock, int NewIrql) {
        if (student) {
            noteCaller();
        }
        kernel.KeReleaseSpinLock(SpinLock, NewIrql);
    }

    protected final void KeAcquireSpinLockAtDpcLevel(KSpinLock SpinLock) {
        if (!student) {
            kernel.KeAcquireSpinLockAtDpcLevel(SpinLock);
            return;
        }
        String line = noteCaller();
        kernel.KeAcquireSpinLockAtDpcLevel(SpinLock);
        SpinLock.noteAcquiredAt(line);
    }

    protected final void KeReleaseSpinLockFromDpcLevel(KSpinLock SpinLock) {
        if (student) {
            noteCaller();
        }
        kernel.KeReleaseSpinLockFromDpcLevel(SpinLock);
    }

    /** KeInitializeEvent (the event is the return value). */
    protected final KEvent KeInitializeEvent(KEvent.Type Type, boolean State) {
        if (student) {
            noteCaller();
        }
        return kernel.KeInitializeEvent(Type, State);
    }

    protected final boolean KeSetEvent(KEvent Event, int Increment, boolean Wait) {
        if (student) {
            noteCaller();
        }
        return kernel.KeSetEvent(Event);
    }

    protected final void KeClearEvent(KEvent Event) {
        if (student) {
            noteCaller();
        }
        Event.clear();
    }

    /**
     * KeWaitForSingleObject(Object, Executive, KernelMode, FALSE, Timeout) with the arguments that never change
     * here left out. {@code Timeout} is the WDK's, in 100-nanosecond units: null waits forever, 0 only tests the
     * event, a negative value is relative to now ({@code -10_000_000L} is one second), a positive one an absolute
     * system time (the simulated one counts from the machine's start).
     */
    protected final int KeWaitForSingleObject(KEvent Object, Long Timeout) {
        if (student) {
            noteCaller();
        }
        return kernel.KeWaitForSingleObject(Object, Timeout);
    }

    protected final void KeStallExecutionProcessor(long MicroSeconds) {
        if (student) {
            noteCaller();
        }
        kernel.KeStallExecutionProcessor(MicroSeconds);
    }

    /** ExAllocatePool2 (never fails in the simulator). */
    protected final PoolBlock ExAllocatePool2(long Flags, int NumberOfBytes, int Tag) {
        if (student) {
            noteCaller();
        }
        return PoolBlock.ExAllocatePool2(kernel, Flags, NumberOfBytes, Tag);
    }
}
