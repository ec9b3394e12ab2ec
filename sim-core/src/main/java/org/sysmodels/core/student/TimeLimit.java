package org.sysmodels.core.student;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Severity;

/**
 * Runs work that calls a student's code with a wall-clock limit, so a loop that never ends is reported (with the line
 * it was on) instead of hanging {@code sim}. What the student's own line threw (an exception, an assertion, a stack
 * overflow, an allocation the heap cannot hold) is theirs too: a finding on that line. The work runs on a daemon
 * thread; when the limit passes, that thread's stack shows where the code was, and the thread is left behind (Java can
 * no longer stop a thread from outside), so the process can still exit.
 *
 * <p>The limit is a safety net against hangs, not part of any result: a run that finishes is deterministic whatever
 * the limit, and the limit never changes what a finished run reports.
 */
public final class TimeLimit {

    private TimeLimit() {
    }

    /**
     * What a model says when the work did not return in time, called on the waiting thread with the student's line
     * the work was running ("" if none) while the work is still where it was: the worker is interrupted only after,
     * so a model may read its own state (irp: the processor's IRQL, for Windows' DPC watchdog).
     */
    @FunctionalInterface
    public interface Timeout {
        Finding describe(String where);
    }

    /**
     * The work's result, or a {@link StudentCodeFailure} if a student's code threw (located on their line) or the
     * work did not return within {@code limit} (with the student's line it was running, if any).
     *
     * @param noun what the student wrote, the slot's word ("driver", "app"), for the finding of what their code threw
     */
    public static <T> T run(Duration limit, String noun, Callable<T> work) throws Exception {
        return run(limit, noun, work, where -> overrun(limit, where, " (a loop that never ends?)", 0));
    }

    /** The same, for work whose student code, if any, has no word of its own (a guard against a hang). */
    public static <T> T run(Duration limit, Callable<T> work) throws Exception {
        return run(limit, "code", work);
    }

    /**
     * The same, with {@code timeout} saying what a run that did not return within {@code limit} was. The worker is
     * then interrupted (code that waits, or checks for interruption, ends; a plain loop spins on as a daemon).
     */
    public static <T> T run(Duration limit, String noun, Callable<T> work, Timeout timeout) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "student-run");
        worker.setDaemon(true);
        worker.start();
        try {
            return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String where = "";
            for (StackTraceElement f : worker.getStackTrace()) {
                if (StudentFault.isStudentFrame(f)) {
                    where = StudentFault.describe(f);
                    break;
                }
            }
            Finding finding = timeout.describe(where);
            worker.interrupt();
            throw new StudentCodeFailure(finding);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (couldBeTheStudents(cause) && StudentFault.firstFrame(cause).isPresent()) {
                throw new StudentCodeFailure(StudentFault.of(cause, noun, 0));
            }
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Anything a student's line can throw: exceptions, and errors such as {@code AssertionError}, a stack overflow, a
     * heap it fills or its class's failed initializer; not the JVM's own failures ({@code InternalError},
     * {@code UnknownError}).
     */
    private static boolean couldBeTheStudents(Throwable t) {
        return !(t instanceof VirtualMachineError) || t instanceof StackOverflowError || t instanceof OutOfMemoryError;
    }

    /** The same as {@link #run(Duration, String, Callable)} in {@code code}'s word. */
    public static <T> T run(Duration limit, JavaStudentCode code, Callable<T> work) throws Exception {
        return run(limit, code.noun(), work);
    }

    /**
     * The time-limit finding at virtual time {@code at}: "{@code File.java} did not return within 3 s of real time; it
     * was running {@code where}{@code after}; raise the limit ..."; {@code where} is "" when no line of the
     * student's was running (and {@code after} is then left out).
     */
    public static Finding overrun(Duration limit, String where, String after, long at) {
        String file = where.isEmpty() ? "the run" : where.substring(0, where.indexOf(':'));
        return new Finding(Severity.VIOLATION, StudentFault.TIME_LIMIT, file + " did not return within "
                + seconds(limit) + " of real time" + (where.isEmpty() ? "" : "; it was running " + where + after)
                + "; raise the limit with --time-limit if the run is just long", at, where);
    }

    /** "3 s", or "1500 ms" for a limit that is not whole seconds. */
    public static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
