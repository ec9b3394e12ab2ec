package org.sysmodels.sensor.check;

/**
 * How one injected fault ended, in the terms of IEC 61508-2 Annex C: a dangerous fault is detected (DD) or not
 * (DU); a fault that never had an effect on the safety function, or whose effect was a trip without diagnosis, is
 * safe (S).
 */
public enum Outcome {
    /** Detected, and handled within the FTTI. */
    DETECTED("DD", true),
    /** Detected, but handled only after the FTTI. */
    DETECTED_LATE("DD late", false),
    /** Not diagnosed, but the actuator went to its safe state in time (a spurious trip). */
    SAFE_TRIP("S (trip)", true),
    /** Never affected the safety function. */
    NO_EFFECT("S (no effect)", true),
    /** Affected the safety function and was neither detected nor made safe within the FTTI. */
    UNDETECTED("DU", false),
    /** The run ended before the FTTI elapsed and nothing had handled it yet. */
    OPEN("open", true);

    private final String label;
    private final boolean ok;

    Outcome(String label, boolean ok) {
        this.label = label;
        this.ok = ok;
    }

    public String label() {
        return label;
    }

    /** False for outcomes that break the FTTI rule. */
    public boolean ok() {
        return ok;
    }

    public boolean dangerous() {
        return this == DETECTED || this == DETECTED_LATE || this == UNDETECTED;
    }

    public boolean detected() {
        return this == DETECTED || this == DETECTED_LATE;
    }
}
