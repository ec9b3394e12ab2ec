package org.sysmodels.core.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;

/**
 * What a check saw: which rule (and who states it), what happened, when (virtual ns) and where (a component, queue or
 * layer). A broken rule is a finding, not a crash: the run goes on and the report lists it.
 *
 * @param source the rule's source (a spec section or a real file), or "" where a finding is not about a stated rule
 */
public record Finding(Severity severity, String rule, String message, long at, String where, String source) {

    public Finding {
        where = where == null ? "" : where;
        source = source == null ? "" : source;
    }

    public Finding(Severity severity, Rule rule, String message, long at, String where) {
        this(severity, rule.name(), message, at, where, rule.source());
    }

    @Override
    public String toString() {
        return severity + " " + rule + " at " + SimTime.format(at) + (where.isEmpty() ? "" : " in " + where)
                + ": " + message;
    }
}
