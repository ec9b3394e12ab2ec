package org.sysmodels.sensor.host.safety;

/**
 * One vote's outcome, reused every cycle (no allocation): whether the channels demand the trip, whether the function
 * can no longer vote safely (go to the safe state), the value the decision is based on, and a channel the voter has
 * just excluded, if any.
 */
public final class Vote {

    public boolean trip;
    public boolean fault;
    public int valueCentiC;
    /** A channel excluded by this vote (−1 none): the caller reports it. */
    public int excluded = -1;
    /** The diagnostic behind {@link #fault} or {@link #excluded}. */
    public Dtc reason;

    void clear() {
        trip = false;
        fault = false;
        excluded = -1;
        reason = null;
    }
}
