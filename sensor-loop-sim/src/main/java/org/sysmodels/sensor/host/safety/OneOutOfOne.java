package org.sysmodels.sensor.host.safety;

/** 1oo1: one channel; its failure leaves nothing to vote with. */
public final class OneOutOfOne implements Voter {

    private final SafetyParameters p;

    public OneOutOfOne(SafetyParameters p) {
        this.p = p;
    }

    @Override
    public void vote(long now, int[] values, boolean[] valid, Vote out) {
        out.clear();
        if (!valid[0]) {
            out.fault = true;
            out.reason = Dtc.SENSOR_STALE;
            return;
        }
        out.valueCentiC = values[0];
        out.trip = values[0] > p.tripCentiC();
    }
}
