package org.sysmodels.core.grade;

import java.util.Objects;

/**
 * One case of a system's grading battery: a scenario, fault plan or configuration that a student's code must get
 * through with every check clean (the packaged scenarios plus harder ones: small queues, faults, resets, many CPUs).
 *
 * @param name a short name for the table ("small-queues")
 * @param what one line: what the case does and what it tests
 */
public record GradeCase(String name, String what) {

    public GradeCase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(what, "what");
    }
}
