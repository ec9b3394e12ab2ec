package org.sysmodels.suite.cli;

/** The exit statuses of {@code sim} (DESIGN.md, "Command line"). */
public final class ExitCodes {

    public static final int OK = 0;
    /**
     * A check or invariant failed (a finding of severity VIOLATION); also every bug lab's run, whose check either caught
     * the bug or missed it (the lab failed), see {@link org.sysmodels.core.run.RunOutcome}.
     */
    public static final int CHECK_FAILED = 1;
    /** Bad usage or bad input: a flag, a scenario file, a name. */
    public static final int BAD_INPUT = 2;
    /** A bug in sysmodels itself (BSD sysexits EX_SOFTWARE). */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }
}
