package org.sysmodels.sensor.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;

/**
 * While the actuator is energised, the control loop must keep confirming that decision: a loop that stalls leaves
 * the last "on" standing with nobody watching the process. The limit is the FTTI.
 */
public final class OutputRefreshed implements LoopCheck {

    public static final Rule RULE = new Rule("output-refreshed",
            "while the actuator is energised, the control loop writes it at least once per fault tolerant time "
                    + "interval (a stalled loop must not leave the actuator on)",
            "IEC 61508-2:2010 Table A.10 (program sequence monitoring)");

    private final long limit;
    private final Findings findings;
    private boolean on;
    private long lastWrite;
    private boolean reported;

    public OutputRefreshed(long limitNs, Findings findings) {
        this.limit = limitNs;
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void actuator(boolean level, boolean changed, long now) {
        if (on && now - lastWrite > limit) {
            report(now);
        }
        on = level;
        lastWrite = now;
    }

    @Override
    public void reset(org.sysmodels.sensor.model.core.ResetCause cause, long now) {
        on = false;
    }

    @Override
    public void finish(long now, Findings ignored) {
        if (on && now - lastWrite > limit) {
            report(now);
        }
    }

    private void report(long now) {
        if (!reported) {
            reported = true;
            findings.violation(RULE, "the actuator stayed energised without being written from "
                    + SimTime.format(lastWrite) + " to " + SimTime.format(now) + " (limit " + SimTime.format(limit)
                    + "): the control loop had stopped", lastWrite + limit, "actuator");
        }
    }
}
