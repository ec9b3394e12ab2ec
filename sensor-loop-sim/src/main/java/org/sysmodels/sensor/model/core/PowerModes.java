package org.sysmodels.sensor.model.core;

/**
 * The core's power mode (Run, Sleep, Stop) with the time and energy spent in each, and DWT CYCCNT, the cycles since
 * reset: it counts only in Run and at the clock's actual frequency, so the cycles of an interval are banked whenever
 * either changes and computed from time in between. The listeners hear of every change of mode.
 */
final class PowerModes {

    private final Clock clock;
    private final EnergyMeter energy;
    private final CoreListeners listeners;
    private long cycleBase;
    private long cyclesSince;

    PowerModes(Clock clock, PowerProfile profile, CoreListeners listeners) {
        this.clock = clock;
        this.energy = new EnergyMeter(profile);
        this.listeners = listeners;
    }

    EnergyMeter energy() {
        return energy;
    }

    boolean running() {
        return energy.state() == PowerState.RUN;
    }

    /** The core enters {@code s} at {@code now}. */
    void enter(PowerState s, long now) {
        bankCycles(now);
        energy.enter(s, now);
        listeners.powerState(s, now);
    }

    /** The end of a run: the cycles and the time in the current mode are accounted up to {@code now}. */
    void close(long now) {
        bankCycles(now);
        energy.enter(energy.state(), now);
    }

    /** A reset clears the cycle counter. */
    void clearCycles(long now) {
        bankCycles(now);
        cycleBase = 0;
    }

    /** The clock changes at {@code now}; until then it ran at {@code oldHz}. */
    void clockChanged(long now, double oldHz) {
        if (running()) {
            cycleBase += Clock.cycles(now - cyclesSince, oldHz);
        }
        cyclesSince = now;
    }

    /** DWT CYCCNT at {@code now}. */
    long cycles(long now) {
        return cycleBase + (running() ? clock.cycles(now - cyclesSince) : 0);
    }

    private void bankCycles(long now) {
        if (running()) {
            cycleBase += clock.cycles(now - cyclesSince);
        }
        cyclesSince = now;
    }
}
