package org.sysmodels.sensor.host.labs;

import org.sysmodels.sensor.host.safety.Dtc;
import org.sysmodels.sensor.host.safety.SafetyParameters;
import org.sysmodels.sensor.host.safety.Vote;
import org.sysmodels.sensor.host.safety.Voter;

/** Bug lab component: a "1oo2" voter that decides on the first channel alone and never compares the two. */
public final class FirstChannelVoter implements Voter {

    private final SafetyParameters p;

    public FirstChannelVoter(SafetyParameters p) {
        this.p = p;
    }

    @Override
    public void vote(long now, int[] values, boolean[] valid, Vote out) {
        out.trip = false;
        out.fault = false;
        out.excluded = -1;
        out.reason = null;
        if (!valid[0]) {
            out.fault = true;
            out.reason = Dtc.SENSOR_STALE;
            return;
        }
        out.valueCentiC = values[0];
        out.trip = values[0] > p.tripCentiC();
    }
}
