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
 * it was on) instead of hanging {@code sim}. The work runs on a daemon thread; when the limit passes, that thread's
 * stack shows where the code was, and the thread is left behind (Java can no longer stop a thread from outside), so
 * the process can still exit.
 *
 * <p>The limit is a safety net against hangs, not part of any result: a run that finishes is deterministic whatever
 * the limit, and the limit never changes what a finished run reports.
 */
public final class TimeLimit {

    private TimeLimit() {
    }

    /**
     * The work's result, or a {@link StudentCodeFailure} if the student's code threw (located in their file) or did
     * not return within {@code limit}.
     *
     * @param code the student's code, to locate frames; null when the work runs no student code (then a time-out
     *             names the system)
     */
    public static <T> T run(Duration limit, JavaStudentCode code, Callable<T> work) throws Exception {
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
            StackTraceElement[] stack = worker.getStackTrace();
            String where = "";
            if (code != null) {
                for (StackTraceElement f : stack) {
                    if (code.owns(f)) {
                        where = StudentFault.describe(f);
                        break;
                    }
                }
            }
            String fileName = code == null ? "the run" : code.fileName();
            throw new StudentCodeFailure(new Finding(Severity.VIOLATION, StudentFault.TIME_LIMIT,
                    fileName + " did not return within " + limit.toSeconds() + " s of real time"
                            + (where.isEmpty() ? "" : "; it was running " + where + " (a loop that never ends?)")
                            + "; raise the limit with --time-limit if the run is just long", 0, where));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                if (code != null && ex instanceof RuntimeException && StudentFault.firstFrame(ex, code).isPresent()) {
                    throw new StudentCodeFailure(StudentFault.of(ex, code));
                }
                throw ex;
            }
            if (cause instanceof StackOverflowError && code != null) {
                throw new StudentCodeFailure(StudentFault.of(cause, code));
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
