package org.sysmodels.core.check;

/**
 * Everything one rule reported in a run, counted once: how many findings, the worst severity, and the first one
 * (where and when the rule was first broken). Reports and bug labs print tallies so counts always agree.
 */
public record RuleTally(String rule, String source, Severity worst, long count, Finding first) {

    public boolean violated() {
        return worst == Severity.VIOLATION;
    }
}
