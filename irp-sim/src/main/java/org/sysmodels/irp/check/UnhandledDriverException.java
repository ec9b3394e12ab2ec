package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.io.IrpMajor;
import org.sysmodels.irp.model.io.NullDispatchRoutine;
import org.sysmodels.irp.model.io.NullRoutine;

/**
 * A student's driver faulted: a Java exception that a C driver would meet as a CPU exception (a NULL dereference, a
 * division by zero, a kernel stack overflow) left its routine, and Windows stops with the bug check the IRQL and the
 * thread decide (the kernel's {@code UnhandledException} names the sources). Claims only stops that carry a driver's
 * exception, so it comes before the rules that claim by code (0xD1 is also paged memory at DISPATCH_LEVEL).
 */
public final class UnhandledDriverException extends VerifierCheck {

    public static final Rule RULE = new Rule("unhandled-exception",
            "a driver's code must not fault: Windows finds no handler for the CPU exception and stops (a NULL "
                    + "dereference at DISPATCH_LEVEL or above 0xD1; below it 0x3B in a system call, 0x7E in a system "
                    + "thread, 0x1E in a DPC or ISR; a kernel stack overflow 0x7F)",
            "WDK Bug Checks 0x1E, 0x3B, 0x7E, 0x7F and 0xD1; ReactOS ntoskrnl/ps/thread.c "
                    + "PspUnhandledExceptionInSystemThread and ntoskrnl/ke/i386/exp.c KiDispatchException");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public boolean claims(SystemHalt halt) {
        return halt.fault() != null;
    }

    @Override
    public void report(SystemHalt halt) {
        if (halt.fault() instanceof NullDispatchRoutine n) {
            explain(halt, n.getMessage() + ": IofCallDriver called it, and the processor jumped to address 0. "
                    + "The I/O manager fills every entry with IopInvalidDeviceRequest (which completes the IRP with "
                    + "STATUS_INVALID_DEVICE_REQUEST) and after DriverEntry sets a NULL entry back to it, but not one "
                    + "written later: a driver that does not handle " + IrpMajor.name(n.majorFunction()) + " leaves its "
                    + "entry alone");
            return;
        }
        if (halt.fault() instanceof NullRoutine n) {
            explain(halt, driverOf(halt) + ": " + n.getMessage() + "; the processor jumped to address 0");
            return;
        }
        Throwable t = halt.fault();
        StackTraceElement at = halt.faultLine();
        String who = StudentFault.isStudentFrame(at) ? "your code" : driverOf(halt) + "'s code";
        String message = t.getMessage() == null ? "" : ": " + t.getMessage();
        explain(halt, who + " threw " + t.getClass().getSimpleName() + message + " at " + StudentFault.describe(at)
                + "; " + meaning(halt));
    }

    private static String meaning(SystemHalt halt) {
        int code = halt.stop() instanceof Stop.BugCheck b ? b.code() : 0;
        String irql = Irql.name(halt.context().irql());
        if (halt.fault() instanceof StackOverflowError) {
            return "in a C driver that recursion runs off the kernel stack (a few pages, no growing), a double fault: "
                    + "make it a loop, or queue the rest of the work";
        }
        if (halt.fault() instanceof NullPointerException) {
            return code == Stop.BugCheck.DRIVER_IRQL_NOT_LESS_OR_EQUAL
                    ? "in a C driver that is a NULL dereference at " + irql + ", where a page fault cannot be served: "
                    + "check the pointer before you use it"
                    : "in a C driver that is a NULL dereference (STATUS_ACCESS_VIOLATION) with no handler to take "
                    + "it: check the pointer before you use it";
        }
        return "in a C driver that is the divide error (STATUS_INTEGER_DIVIDE_BY_ZERO) with no handler to take it: "
                + "check the divisor first";
    }
}
