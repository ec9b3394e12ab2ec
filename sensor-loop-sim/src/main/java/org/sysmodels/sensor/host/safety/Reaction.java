package org.sysmodels.sensor.host.safety;

/**
 * What firmware does about a fault it found, as its diagnostic code declares: nothing yet (information), drop one
 * sample, take a channel out of the vote, recover (a bus clear released the bus), or go to the safe state.
 */
public enum Reaction {
    NONE,
    DISCARDED,
    EXCLUDED,
    RECOVERED,
    SAFE_STATE
}
