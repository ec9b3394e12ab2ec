package org.sysmodels.sensor.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;

/**
 * A controller that finds SDA stuck low must run the bus clear: clock SCL up to nine times, then STOP. Waiting,
 * retrying or resetting the MCU does not help: the target that holds SDA is not reset with the MCU.
 */
public final class BusCleared implements LoopCheck {

    public static final Rule RULE = new Rule("bus-cleared",
            "if the data line (SDA) is stuck LOW, the controller sends nine clock pulses (the bus clear) within the "
                    + "fault tolerant time interval",
            "NXP UM10204 I2C-bus specification §3.1.16 \"Bus clear\"");

    private final long limit;
    private final Findings findings;
    private final long[] stuckSince = new long[8];
    private final boolean[] cleared = new boolean[8];

    public BusCleared(long limitNs, Findings findings) {
        this.limit = limitNs;
        this.findings = findings;
        java.util.Arrays.fill(stuckSince, -1);
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void sdaStuck(int bus, boolean stuck, long now) {
        judge(now);
        stuckSince[bus] = stuck ? now : -1;
        cleared[bus] = false;
    }

    @Override
    public void busClear(int bus, int clocks, boolean released, long start, long end) {
        judge(start);
        cleared[bus] = true;
    }

    /** It judges on changes of the actuator only. */
    @Override
    public boolean seesUnchangedWrites() {
        return false;
    }

    @Override
    public void actuator(boolean on, boolean changed, long now) {
        if (changed) {
            judge(now);
        }
    }

    @Override
    public void finish(long now, Findings ignored) {
        judge(now);
    }

    private void judge(long now) {
        for (int b = 0; b < stuckSince.length; b++) {
            if (stuckSince[b] >= 0 && !cleared[b] && now - stuckSince[b] > limit) {
                findings.violation(RULE, "SDA of I2C" + b + " stuck low since " + SimTime.format(stuckSince[b])
                        + " and no bus clear within " + SimTime.format(limit) + ": the loop is stalled on the bus",
                        stuckSince[b] + limit, "I2C" + b);
                cleared[b] = true;
            }
        }
    }
}
