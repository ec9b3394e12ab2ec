package org.sysmodels.core.check;


/**
 * One run-time check: one class per {@link Rule}. A check also implements its system's observer interface (the
 * events it needs to see) and reports to the run's {@link Findings} when the rule is broken; the run calls
 * {@link #finish} once at the end, for rules that can only be judged then (a leak, a stall that never ended).
 *
 * <p>A system's checker is a list of checks ({@link Checker}), not one class with many interfaces.
 */
public interface Check {

    /** The rule this check holds. */
    Rule rule();

    /** The run ended at {@code now}: report what only the end can show. */
    default void finish(long now, Findings findings) {
    }
}
