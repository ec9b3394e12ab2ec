package org.sysmodels.irp.model.io;

import java.util.HashSet;
import java.util.Set;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.StopContext;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.ke.KThread;
import org.sysmodels.irp.model.ke.Processor;

/**
 * What Windows does when a driver's code faults and no exception handler takes the exception, for the Java exceptions
 * a C driver meets as CPU exceptions: a {@link NullPointerException} is a NULL dereference (STATUS_ACCESS_VIOLATION),
 * an {@link ArithmeticException} "/ by zero" the divide error (STATUS_INTEGER_DIVIDE_BY_ZERO), a
 * {@link StackOverflowError} the kernel stack's guard page. Other Java exceptions have no Windows counterpart (a C
 * cast or array index is not checked: the driver reads or writes the wrong memory and runs on) and get no bug check.
 *
 * <p>Which bug check, by IRQL and by whose code would catch the exception last:
 * <ul>
 * <li>a bad pointer at DISPATCH_LEVEL or above: the page fault cannot be served there, so 0xD1
 *     DRIVER_IRQL_NOT_LESS_OR_EQUAL (address, IRQL, 0 read / 1 write, code address): WDK Bug Check 0xD1, whose first
 *     cause is "dereferencing a bad pointer (such as a NULL or freed pointer) while executing at or above
 *     DISPATCH_LEVEL";
 * <li>in a system thread (DriverEntry, AddDevice and PnP IRPs, work items): the thread's start routine's handler,
 *     0x7E SYSTEM_THREAD_EXCEPTION_NOT_HANDLED (code, address, exception record, context record): ReactOS
 *     ntoskrnl/ps/thread.c PspUnhandledExceptionInSystemThread; WDK Bug Check 0x7E;
 * <li>in a user thread's system call (a dispatch routine under NtReadFile, a cancel routine under CancelIoEx below
 *     DISPATCH_LEVEL): 0x3B SYSTEM_SERVICE_EXCEPTION (code, address, context record, 0): WDK Bug Check 0x3B, "an
 *     exception happened while executing a routine that transitions from non-privileged code to privileged code";
 * <li>in a DPC or an ISR, which run in no thread of their own: the last chance of exception dispatch, 0x1E
 *     KMODE_EXCEPTION_NOT_HANDLED (code, address, the exception's parameters 0 and 1): ReactOS ntoskrnl/ke/i386/exp.c
 *     KiDispatchException; WDK Bug Check 0x1E;
 * <li>a kernel stack overflow: the processor cannot push the trap frame, a double fault, 0x7F
 *     UNEXPECTED_KERNEL_MODE_TRAP (8, 0, 0, 0): WDK Bug Check 0x7F.
 * </ul>
 * Java does not say which field a NULL dereference touched, so the address referenced is 0 (a real dump shows NULL
 * plus the field's offset); the code address is the faulting routine's.
 *
 * <p>Only a driver's fault is a stop: an exception with a student's frame on its stack (their driver, or a kernel
 * routine they called with a NULL), or one raised in the code of a loaded driver's own class (a bug lab). Anything
 * else is the simulator's own bug and is not dressed up as a bug check.
 */
final class UnhandledException {

    /** The classes of the loaded drivers, up to the WDM base class: where a driver's own code runs. */
    private final Set<String> driverClasses = new HashSet<>();

    /** The trap number of a double fault (0x7F's first parameter). */
    static final int DOUBLE_FAULT = 8;

    /** Who would catch the exception last. */
    enum Catcher {
        /** A DPC or an ISR: no thread's handler is on the stack. */
        ARBITRARY_CONTEXT,
        /** A system thread's start routine (PspSystemThreadStartup). */
        SYSTEM_THREAD,
        /** The system service dispatcher of a user thread's call. */
        SYSTEM_SERVICE
    }

    /** A driver object was made for {@code implementation}: its classes are driver code from now on. */
    void driverLoaded(Object implementation) {
        for (Class<?> c = implementation == null ? null : implementation.getClass(); c != null && c != Object.class
                && !c.getName().startsWith("org.sysmodels.irp.model.")
                && !c.getName().startsWith("org.sysmodels.irp.wdm."); c = c.getSuperclass()) {
            driverClasses.add(c.getName());
        }
    }

    /**
     * The driver's line that faulted: the student's innermost frame, else the innermost frame outside the JDK if it
     * is a loaded driver's own code; null when {@code thrown} is not a driver's fault.
     */
    StackTraceElement faultingFrame(Throwable thrown) {
        StackTraceElement student = StudentFault.firstFrame(thrown).orElse(null);
        if (student != null) {
            return student;
        }
        for (StackTraceElement e : thrown.getStackTrace()) {
            String c = e.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
                continue;
            }
            int nested = c.indexOf('$');
            return driverClasses.contains(nested < 0 ? c : c.substring(0, nested)) ? e : null;
        }
        return null;
    }

    /**
     * {@code thrown} left the work running on {@code kernel}'s current processor. When it is a driver's fault that a C
     * driver would meet as a CPU exception the machine stops with Windows' bug check for it, the observers told first;
     * otherwise this returns and the caller rethrows {@code thrown} (reported on a student's line, or as the
     * simulator's own bug).
     */
    void raise(Throwable thrown, Kernel kernel) {
        Processor p = kernel.current;
        StackTraceElement line = p == null || kernel.halted() != null ? null : faultingFrame(thrown);
        if (line == null) {
            if (p != null && kernel.halted() == null) {
                callThroughNull(kernel, p, NullRoutine.of(thrown));
            }
            return;
        }
        RoutineFrame f = kernel.frame();
        KernelAddresses a = kernel.addresses();
        Stop.BugCheck s = stop(thrown, p.irql(), catcher(kernel, p), f == null ? 0 : kernel.routineAddress(f.routine),
                a.exceptionRecord(p.number()), a.contextRecord(p.number()));
        if (s == null) {
            return;
        }
        StopContext c = kernel.context();
        kernel.stop(new SystemHalt(s, StudentFault.isStudentFrame(line)
                ? c.withSource(StudentFault.describe(line) + ", where it faulted") : c, thrown, line), false);
    }

    /**
     * IofCallDriver reached a dispatch table entry {@code driver} set to NULL and called it: the jump to address 0 is
     * an access violation on execute in the caller's context, stopped as an unhandled exception there is (0xD1 with
     * access 8 at DISPATCH_LEVEL or above; below it 0x3B, 0x7E or 0x1E by who catches last, the exception address 0).
     * Never returns.
     */
    DriverDispatch callThroughNull(Kernel kernel, DriverObject driver, int majorFunction) {
        Processor p = kernel.current;
        int cpu = p == null ? 0 : p.number();
        KernelAddresses a = kernel.addresses();
        Stop.BugCheck s = accessViolation(EXECUTE, p == null ? Irql.PASSIVE_LEVEL : p.irql(),
                p == null ? Catcher.SYSTEM_THREAD : catcher(kernel, p), 0, a.exceptionRecord(cpu), a.contextRecord(cpu));
        throw kernel.stop(new SystemHalt(s, kernel.context(), new NullDispatchRoutine(driver.DriverName,
                majorFunction), null), false);
    }

    /**
     * The system called a routine pointer a driver gave it as NULL ({@code n}, or nothing to do when null): the same
     * jump to address 0 as {@link #callThroughNull(Kernel, DriverObject, int)}, in the context of the routine's frame.
     */
    private void callThroughNull(Kernel kernel, Processor p, NullRoutine n) {
        if (n == null) {
            return;
        }
        KernelAddresses a = kernel.addresses();
        Stop.BugCheck s = accessViolation(EXECUTE, p.irql(), catcher(kernel, p), 0, a.exceptionRecord(p.number()),
                a.contextRecord(p.number()));
        kernel.stop(new SystemHalt(s, kernel.context(), n, null), false);
    }

    /** An access violation's access type for an instruction fetch (0xD1's third parameter; 0 read, 1 write). */
    static final int EXECUTE = 8;

    /** The stop for {@code thrown}, or null when it has no Windows counterpart. */
    static Stop.BugCheck stop(Throwable thrown, int irql, Catcher catcher, long codeAddress, long exceptionRecord,
                              long contextRecord) {
        if (thrown instanceof StackOverflowError) {
            return new Stop.BugCheck(Stop.BugCheck.UNEXPECTED_KERNEL_MODE_TRAP, DOUBLE_FAULT, 0, 0, 0);
        }
        if (thrown instanceof NullPointerException npe) {
            return accessViolation(StudentFault.isStore(npe) ? 1 : 0, irql, catcher, codeAddress, exceptionRecord,
                    contextRecord);
        }
        if (thrown instanceof ArithmeticException a && "/ by zero".equals(a.getMessage())) {
            return unhandled(NtStatus.STATUS_INTEGER_DIVIDE_BY_ZERO, 0, catcher, codeAddress, exceptionRecord,
                    contextRecord);
        }
        return null;
    }

    /**
     * An access violation ({@code access} 0 read, 1 write, {@link #EXECUTE}) at {@code codeAddress}: at DISPATCH_LEVEL
     * or above the page fault cannot be served (0xD1), below it the exception nobody handles.
     */
    private static Stop.BugCheck accessViolation(long access, int irql, Catcher catcher, long codeAddress,
                                                 long exceptionRecord, long contextRecord) {
        if (irql >= Irql.DISPATCH_LEVEL) {
            return new Stop.BugCheck(Stop.BugCheck.DRIVER_IRQL_NOT_LESS_OR_EQUAL, 0, irql, access, codeAddress);
        }
        return unhandled(NtStatus.STATUS_ACCESS_VIOLATION, access, catcher, codeAddress, exceptionRecord,
                contextRecord);
    }

    /** Exception {@code code} that no handler takes: the bug check of whoever catches last. */
    private static Stop.BugCheck unhandled(int code, long access, Catcher catcher, long codeAddress,
                                           long exceptionRecord, long contextRecord) {
        long c = code & 0xffffffffL;
        return switch (catcher) {
            case ARBITRARY_CONTEXT -> new Stop.BugCheck(Stop.BugCheck.KMODE_EXCEPTION_NOT_HANDLED, c, codeAddress,
                    access, 0);
            case SYSTEM_THREAD -> new Stop.BugCheck(Stop.BugCheck.SYSTEM_THREAD_EXCEPTION_NOT_HANDLED, c, codeAddress,
                    exceptionRecord, contextRecord);
            case SYSTEM_SERVICE -> new Stop.BugCheck(Stop.BugCheck.SYSTEM_SERVICE_EXCEPTION, c, codeAddress,
                    contextRecord, 0);
        };
    }

    /** Who catches last for the work running on {@code p}: {@link #catcher(FrameStack, boolean)} for its thread. */
    private static Catcher catcher(Kernel kernel, Processor p) {
        KThread t = p.thread();
        return catcher(kernel.currentFrames, t != null && t == kernel.systemWorker(t.processor()));
    }

    /** Who catches last on processor {@code frames}: a DPC or ISR anywhere on it, else the thread's kind. */
    static Catcher catcher(FrameStack frames, boolean systemThread) {
        for (RoutineFrame f = frames.top; f != null; f = f.below) {
            RoutineKind k = f.runningKind();
            if (k == RoutineKind.DPC || k == RoutineKind.ISR) {
                return Catcher.ARBITRARY_CONTEXT;
            }
        }
        return systemThread ? Catcher.SYSTEM_THREAD : Catcher.SYSTEM_SERVICE;
    }
}
