package org.sysmodels.core.student;

import java.util.Optional;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.check.Severity;

/**
 * Turns what a student's code threw into a finding that names their file, class, method and line: the first frame
 * of the stack that belongs to their code is where they can act, even when the exception was raised deeper, in the
 * system's API refusing a bad argument.
 */
public final class StudentFault {

    /** The rule every plugged-in piece of code is held to. */
    public static final Rule RULE = new Rule("student-code",
            "code plugged into the simulator must return normally: an exception it throws ends the run",
            "sysmodels (the run stops, as a real kernel would stop trusting a driver that faulted)");

    /** The rule for code that does not return within the run's time limit. */
    public static final Rule TIME_LIMIT = new Rule("time-limit",
            "code plugged into the simulator must return within the run's time limit",
            "sysmodels (--time-limit)");

    private StudentFault() {
    }

    /** A VIOLATION finding for {@code thrown}, located in the student's code where possible. */
    public static Finding of(Throwable thrown, JavaStudentCode code) {
        return of(thrown, code, 0);
    }

    /** The same, at virtual time {@code at}. */
    public static Finding of(Throwable thrown, JavaStudentCode code, long at) {
        Optional<StackTraceElement> frame = firstFrame(thrown, code);
        String where = frame.map(StudentFault::describe).orElse(code.fileName());
        String what = thrown.getClass().getSimpleName() + (thrown.getMessage() == null ? "" : ": "
                + thrown.getMessage());
        return new Finding(Severity.VIOLATION, RULE, "your code threw " + what
                + frame.map(f -> " at " + describe(f)).orElse(" (no line of " + code.fileName()
                + " on the stack: the exception came from a call the system made on your behalf)"), at, where);
    }

    /** "MyDriver.java:42 (MyDriver.queueRq)". */
    public static String describe(StackTraceElement f) {
        String cls = f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1);
        return f.getFileName() + ":" + f.getLineNumber() + " (" + cls + "." + f.getMethodName() + ")";
    }

    /** The innermost frame of the student's code in {@code thrown} or its causes. */
    public static Optional<StackTraceElement> firstFrame(Throwable thrown, JavaStudentCode code) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (code.owns(e)) {
                    return Optional.of(e);
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
