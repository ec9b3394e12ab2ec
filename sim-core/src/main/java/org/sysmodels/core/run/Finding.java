package org.sysmodels.core.run;

import org.sysmodels.core.time.SimTime;

/**
 * What a checker saw: which rule, what happened, when (virtual ns) and where (a component, queue or layer). A broken
 * rule is a finding, not a crash: the run goes on and the report lists it.
 */
public record Finding(Severity severity, String rule, String message, long at, String where) {

    @Override
    public String toString() {
        return severity + " " + rule + " at " + SimTime.format(at) + (where.isEmpty() ? "" : " in " + where)
                + ": " + message;
    }
}
