package org.sysmodels.core.grade;

/**
 * How a student's code did on one {@link GradeCase}.
 *
 * @param rules        rules held in the case's run
 * @param clean        rules that reported no violation
 * @param passed       every rule clean and the code returned normally
 * @param firstFinding the first violation, or "" when the case passed
 * @param timedOut     the code did not return within the time limit (its thread may still be running)
 */
public record GradeRow(GradeCase gradeCase, int rules, int clean, boolean passed, String firstFinding,
                       boolean timedOut) {

    public GradeRow(GradeCase gradeCase, int rules, int clean, boolean passed, String firstFinding) {
        this(gradeCase, rules, clean, passed, firstFinding, false);
    }
}
