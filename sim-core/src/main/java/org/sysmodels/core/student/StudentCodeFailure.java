package org.sysmodels.core.student;

import org.sysmodels.core.check.Finding;

/**
 * A student's code failed in a way that ends the run: it threw, or did not return within the time limit. Carries the
 * finding to print (exit status 1), never a stack trace of sysmodels.
 */
public final class StudentCodeFailure extends Exception {

    private final transient Finding finding;

    public StudentCodeFailure(Finding finding) {
        super(finding.message(), null, false, false);
        this.finding = finding;
    }

    public Finding finding() {
        return finding;
    }
}
