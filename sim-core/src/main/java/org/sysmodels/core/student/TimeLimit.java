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
     * The work's result, or a {@link StudentCodeFailure} if a student's code threw (located on their line) or the
     * work did not return within {@code limit} (with the student's line it was running, if any).
     */
    public static <T> T run(Duration limit, Callable<T> work) throws Exception {
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
            String file = "the run";
            for (StackTraceElement f : worker.getStackTrace()) {
                if (StudentFault.isStudentFrame(f)) {
                    where = StudentFault.describe(f);
                    file = f.getFileName();
                    break;
                }
            }
            throw new StudentCodeFailure(new Finding(Severity.VIOLATION, StudentFault.TIME_LIMIT,
                    file + " did not return within " + seconds(limit) + " of real time"
                            + (where.isEmpty() ? "" : "; it was running " + where + " (a loop that never ends?)")
                            + "; raise the limit with --time-limit if the run is just long", 0, where));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (couldBeTheStudents(cause) && StudentFault.firstFrame(cause).isPresent()) {
                throw new StudentCodeFailure(StudentFault.of(cause, 0));
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

    /** The same as {@link #run(Duration, Callable)}; {@code code} is not needed to locate frames. */
    public static <T> T run(Duration limit, JavaStudentCode code, Callable<T> work) throws Exception {
        return run(limit, work);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
