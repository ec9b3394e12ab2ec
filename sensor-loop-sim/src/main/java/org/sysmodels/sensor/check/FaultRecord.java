package org.sysmodels.sensor.check;

import org.sysmodels.core.time.SimTime;

/**
 * One injected fault and what became of it: when it was injected, when it began to matter to the safety function
 * (a drift only once its error passes the hazard threshold; a fault that never matters stays at
 * {@link Long#MAX_VALUE}), when the firmware first showed it noticed (a diagnostic code, a bus clear, a watchdog
 * reset), when it was handled, and the {@link Outcome} once judged.
 */
public final class FaultRecord {

    public static final long NEVER = Long.MAX_VALUE;

    private final FaultClass cls;
    private final int channel;
    private final int bus;
    private final long injectedAt;
    private final String detail;
    private long effectiveAt;
    private long detectedAt = -1;
    private String detectedBy = "";
    private long handledAt = -1;
    private String handledBy = "";
    private Outcome outcome;

    /**
     * @param channel the sensor channel it hits, or −1
     * @param bus     the I2C bus it hits (1-based), or −1
     */
    public FaultRecord(FaultClass cls, int channel, int bus, long injectedAt, long effectiveAt, String detail) {
        this.cls = cls;
        this.channel = channel;
        this.bus = bus;
        this.injectedAt = injectedAt;
        this.effectiveAt = effectiveAt;
        this.detail = detail;
    }

    /** A planned fault that never fired (its run ended first): judged {@link Outcome#OPEN}. */
    public static FaultRecord notInjected(FaultClass cls, long at) {
        FaultRecord f = new FaultRecord(cls, -1, -1, at, NEVER, "not injected");
        f.judge(Outcome.OPEN);
        return f;
    }

    public FaultClass faultClass() {
        return cls;
    }

    public int channel() {
        return channel;
    }

    public int bus() {
        return bus;
    }

    public long injectedAt() {
        return injectedAt;
    }

    public long effectiveAt() {
        return effectiveAt;
    }

    /** A transient fault whose effect is known only when it happens (a corrupted byte) sets it then. */
    public void becameEffective(long at) {
        if (at < effectiveAt) {
            effectiveAt = at;
        }
    }

    public String detail() {
        return detail;
    }

    public long detectedAt() {
        return detectedAt;
    }

    public String detectedBy() {
        return detectedBy;
    }

    public long handledAt() {
        return handledAt;
    }

    public String handledBy() {
        return handledBy;
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean judged() {
        return outcome != null;
    }

    void detected(long at, String by) {
        if (detectedAt < 0) {
            detectedAt = at;
            detectedBy = by;
        }
    }

    void handled(long at, String by) {
        if (handledAt < 0) {
            handledAt = at;
            handledBy = by;
        }
    }

    void judge(Outcome o) {
        outcome = o;
    }

    /** Detection time: from when it mattered to detection (0 if detected before it mattered); −1 if never. */
    public long detectionTime() {
        if (detectedAt < 0 || effectiveAt == NEVER) {
            return -1;
        }
        return Math.max(0, detectedAt - effectiveAt);
    }

    /** Time from when it mattered to when it was handled; −1 if never. */
    public long reactionTime() {
        if (handledAt < 0 || effectiveAt == NEVER) {
            return -1;
        }
        return Math.max(0, handledAt - effectiveAt);
    }

    /** "sensor-stuck on channel 1 at 500 ms". */
    public String describe() {
        return cls.kind() + (channel >= 0 ? " on channel " + channel : bus >= 0 ? " on I2C" + bus : "")
                + (detail.isEmpty() ? "" : " (" + detail + ")") + " at " + SimTime.format(injectedAt);
    }
}
