package org.sysmodels.sensor.host.safety;

/**
 * 2oo3 with median comparison: trip when two channels are above the limit; a channel further than the tolerance
 * from the median for longer than the debounce time is outvoted and excluded, and the remaining two continue as
 * {@link OneOutOfTwo}. Two failed channels leave nothing safe to vote with.
 */
public final class TwoOutOfThree implements Voter {

    private final SafetyParameters p;
    private final long[] outlierSince = {-1, -1, -1};
    private OneOutOfTwo degraded;

    public TwoOutOfThree(SafetyParameters p) {
        this.p = p;
    }

    @Override
    public void vote(long now, int[] values, boolean[] valid, Vote out) {
        int n = (valid[0] ? 1 : 0) + (valid[1] ? 1 : 0) + (valid[2] ? 1 : 0);
        if (n == 3) {
            out.clear();
            int m = median(values[0], values[1], values[2]);
            out.valueCentiC = m;
            int above = (values[0] > p.tripCentiC() ? 1 : 0) + (values[1] > p.tripCentiC() ? 1 : 0)
                    + (values[2] > p.tripCentiC() ? 1 : 0);
            out.trip = above >= 2;
            for (int i = 0; i < 3; i++) {
                if (Math.abs(values[i] - m) > p.discrepancyCentiC()) {
                    if (outlierSince[i] < 0) {
                        outlierSince[i] = now;
                    } else if (now - outlierSince[i] > p.debounceUs() * 1000L && out.excluded < 0) {
                        out.excluded = i;
                        out.reason = Dtc.DISCREPANCY;
                    }
                } else {
                    outlierSince[i] = -1;
                }
            }
            return;
        }
        if (n == 2) {
            if (degraded == null) {
                int a = valid[0] ? 0 : 1;
                int b = valid[2] ? 2 : 1;
                degraded = new OneOutOfTwo(p, a, b);
            }
            degraded.vote(now, values, valid, out);
            return;
        }
        out.clear();
        out.fault = true;
        out.reason = Dtc.SENSOR_STALE;
    }

    /** The middle one of three values. */
    public static int median(int a, int b, int c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
