package org.sysmodels.core.student;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * The rule every plugged-in piece of code is held to, in words for any code; {@link #rule(String)} names what the
     * student wrote. Rule lists and look-ups by name use this one: the name is the same.
     */
    public static final Rule RULE = rule("code");

    /** The rule for code that does not return within the run's time limit. */
    public static final Rule TIME_LIMIT = new Rule("time-limit",
            "code plugged into the simulator must return within the run's time limit",
            "sysmodels (--time-limit)");

    private StudentFault() {
    }

    /** The name of the class loader that loads students' classes ({@link JavaStudentCode}). */
    static final String LOADER = "student";

    /**
     * The {@code student-code} rule in the words of the slot: "your app must return normally ...", since the student
     * wrote an app, a driver, firmware or a discipline (the slot's {@link StudentSlot#noun()}), not always a driver.
     */
    public static Rule rule(String noun) {
        return new Rule("student-code", "your " + noun + " must return normally: an exception it throws ends the run",
                "sysmodels (the run stops where your " + noun + " faulted, as a real system stops trusting code "
                        + "that faulted)");
    }

    /** A VIOLATION finding for {@code thrown}, located in the student's code where possible. */
    public static Finding of(Throwable thrown, JavaStudentCode code) {
        return of(thrown, code.noun(), 0);
    }

    /** The same, at virtual time {@code at}. */
    public static Finding of(Throwable thrown, JavaStudentCode code, long at) {
        return of(thrown, code.noun(), at);
    }

    /**
     * A VIOLATION finding for {@code thrown} at virtual time {@code at}, on the student's innermost line, under the
     * rule worded for {@code noun} (the slot's word: "driver", "app", "firmware").
     */
    public static Finding of(Throwable thrown, String noun, long at) {
        Optional<StackTraceElement> frame = firstFrame(thrown);
        String where = frame.map(StudentFault::describe).orElse("");
        // an error that only wraps (ExceptionInInitializerError from a static initializer) says what it wraps
        String what = name(thrown) + (thrown.getMessage() == null && thrown.getCause() != null
                ? " (" + name(thrown.getCause()) + ")" : "");
        return new Finding(Severity.VIOLATION, rule(noun), "your code threw " + what
                + frame.map(f -> " at " + describe(f)).orElse(" (no line of your file is on the stack: the "
                + "exception came from a call the system made on your behalf)"), at, where);
    }

    private static String name(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** "MyDriver.java:42 (MyDriver.queueRq)". */
    public static String describe(StackTraceElement f) {
        String cls = f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1);
        return f.getFileName() + ":" + f.getLineNumber() + " (" + cls + "." + f.getMethodName() + ")";
    }

    /**
     * Whether a NULL dereference was a store, as the JDK's helpful message (JEP 358) says: "Cannot assign field" or
     * "Cannot store to" an array; anything else (a field read, a call, an array load) counts as a read. The models
     * use it to say what a C program's fault would have been (a write or a read access).
     */
    public static boolean isStore(NullPointerException e) {
        String m = e.getMessage();
        return m != null && (m.startsWith("Cannot assign field") || m.startsWith("Cannot store to"));
    }

    /**
     * True when a frame runs a line of a student's class (loaded by {@link JavaStudentCode}). An accessor javac
     * generates ({@code access$300}, for a nested class calling a protected method the outer class inherits from
     * another package) is not one: it has no line of its own but the class's, so the caller's frame names the line.
     */
    public static boolean isStudentFrame(StackTraceElement f) {
        return LOADER.equals(f.getClassLoaderName()) && !f.getMethodName().startsWith("access$");
    }

    /**
     * The innermost frame of a student's code in {@code thrown}'s root cause, else in the causes outward: where it
     * went wrong, not where it was wrapped (a static initializer's exception is rethrown, wrapped in an
     * {@code ExceptionInInitializerError}, at the line that first used the class).
     */
    public static Optional<StackTraceElement> firstFrame(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain.reversed()) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (isStudentFrame(e)) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }
}
