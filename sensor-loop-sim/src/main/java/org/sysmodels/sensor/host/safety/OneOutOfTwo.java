package org.sysmodels.sensor.host.safety;

/**
 * 1oo2 with comparison: trip when either channel is above the limit; when the two disagree by more than the
 * tolerance for longer than the debounce time, one of them is wrong and 1oo2 cannot tell which, so the function
 * goes to its safe state; so it does when a channel fails.
 */
public class OneOutOfTwo implements Voter {

    private final SafetyParameters p;
    private final int a;
    private final int b;
    private long disagreeSince = -1;

    public OneOutOfTwo(SafetyParameters p) {
        this(p, 0, 1);
    }

    /** Votes channels {@code a} and {@code b} (2oo3 falls back to this once a channel is out). */
    OneOutOfTwo(SafetyParameters p, int a, int b) {
        this.p = p;
        this.a = a;
        this.b = b;
    }

    @Override
    public void vote(long now, int[] values, boolean[] valid, Vote out) {
        out.clear();
        if (!valid[a] || !valid[b]) {
            out.fault = true;
            out.reason = Dtc.SENSOR_STALE;
            return;
        }
        int va = values[a];
        int vb = values[b];
        out.valueCentiC = Math.max(va, vb);
        out.trip = va > p.tripCentiC() || vb > p.tripCentiC();
        if (Math.abs(va - vb) > p.discrepancyCentiC()) {
            if (disagreeSince < 0) {
                disagreeSince = now;
            } else if (now - disagreeSince > p.debounceUs() * 1000L) {
                out.fault = true;
                out.reason = Dtc.DISCREPANCY;
            }
        } else {
            disagreeSince = -1;
        }
    }
}
