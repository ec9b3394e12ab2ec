package org.sysmodels.sensor.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;

/**
 * The safety goal itself, judged against the physical truth rather than the sensors: whenever the process
 * temperature is above the trip limit, the actuator must be de-energised within the process safety time (the FTTI)
 * and stay so while the demand lasts. A voter that trusts a wrong sensor is caught here even if every diagnostic
 * stayed quiet.
 */
public final class TripOnDemand implements LoopCheck {

    public static final Rule RULE = new Rule("trip-on-demand",
            "when the process exceeds the trip limit, the safety function de-energises the actuator within the "
                    + "process safety time and keeps it de-energised while the demand lasts",
            "IEC 61508-1:2010, overall safety requirements (the safety function, its response time, its safe state)");

    /** A time interval [from, to) in which the physical temperature is above the trip limit. */
    public record Demand(long from, long to, double peak) {
    }

    private final List<Demand> demands;
    private final long processSafetyNs;
    private final double tripCelsius;
    private final Findings findings;
    private final List<long[]> changes = new ArrayList<>();
    private boolean on;
    private int judged;
    private long turnedOnDuring = -1;

    public TripOnDemand(List<Demand> demands, double tripCelsius, long processSafetyNs, Findings findings) {
        this.demands = List.copyOf(demands);
        this.tripCelsius = tripCelsius;
        this.processSafetyNs = processSafetyNs;
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    public List<Demand> demands() {
        return demands;
    }

    /** It judges on changes of the actuator only. */
    @Override
    public boolean seesUnchangedWrites() {
        return false;
    }

    @Override
    public void actuator(boolean level, boolean changed, long now) {
        if (!changed) {
            return;
        }
        judgeUntil(now);
        on = level;
        changes.add(new long[] {now, level ? 1 : 0});
        if (level) {
            for (Demand d : demands) {
                if (now >= d.from() + processSafetyNs && now < d.to() && turnedOnDuring < 0) {
                    turnedOnDuring = now;
                    findings.violation(RULE, String.format(Locale.ROOT, "the actuator was energised again at %s "
                            + "while the process was still above %.2f °C (demand from %s)", SimTime.format(now),
                            tripCelsius, SimTime.format(d.from())), now, "actuator");
                }
            }
        }
    }

    @Override
    public void finish(long now, Findings ignored) {
        judgeUntil(now);
    }

    private void judgeUntil(long now) {
        while (judged < demands.size()) {
            Demand d = demands.get(judged);
            long deadline = d.from() + processSafetyNs;
            if (deadline > now) {
                return;
            }
            judged++;
            if (d.to() <= deadline) {
                continue;    // the demand ended before the process safety time: nothing to judge
            }
            if (levelAt(deadline)) {
                findings.violation(RULE, String.format(Locale.ROOT, "the process went above the trip limit %.2f °C at "
                        + "%s (peak %.2f °C) and the actuator was still energised %s later", tripCelsius,
                        SimTime.format(d.from()), d.peak(), SimTime.format(processSafetyNs)), deadline, "actuator");
            }
        }
    }

    private boolean levelAt(long t) {
        boolean level = false;
        for (long[] c : changes) {
            if (c[0] > t) {
                break;
            }
            level = c[1] == 1;
        }
        return changes.isEmpty() ? on : level;
    }
}
