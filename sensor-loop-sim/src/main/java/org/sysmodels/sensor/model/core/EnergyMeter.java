package org.sysmodels.sensor.model.core;

/** Time spent in each {@link PowerState}, integrated into energy with a {@link PowerProfile}. */
public final class EnergyMeter {

    private final PowerProfile profile;
    private final long[] ns = new long[PowerState.values().length];
    private PowerState state = PowerState.RUN;
    private long since;

    public EnergyMeter(PowerProfile profile) {
        this.profile = profile;
    }

    /** The core enters {@code next} at {@code now}. */
    public void enter(PowerState next, long now) {
        ns[state.ordinal()] += now - since;
        state = next;
        since = now;
    }

    public PowerState state() {
        return state;
    }

    /** Nanoseconds spent in {@code s} up to {@code now}. */
    public long nanos(PowerState s, long now) {
        return ns[s.ordinal()] + (s == state ? now - since : 0);
    }

    /** Joules used in {@code s} up to {@code now}. */
    public double joules(PowerState s, long now) {
        return nanos(s, now) * 1e-9 * profile.milliAmps(s) * 1e-3 * profile.volts();
    }

    public PowerProfile profile() {
        return profile;
    }
}
