package org.sysmodels.sensor.host.labs;

import org.sysmodels.sensor.host.safety.ChannelMonitor;
import org.sysmodels.sensor.host.safety.ChannelVerdict;
import org.sysmodels.sensor.host.safety.SafetyParameters;

/** Bug lab component: a channel monitor with no plausibility checks (no range, rate or frozen check). */
public final class AcceptEverything extends ChannelMonitor {

    public AcceptEverything(SafetyParameters p, long now) {
        super(p, now);
    }

    @Override
    public ChannelVerdict check(long now, int centiC, long raw) {
        return accept(now, centiC);
    }
}
