package org.sysmodels.sensor.host.safety;

/**
 * Votes the channels' last good temperatures into one decision. {@code valid[i]} is false for a failed or excluded
 * channel; the voter may exclude more (2oo3 outvotes a channel that disagrees with the other two).
 */
public interface Voter {

    void vote(long now, int[] values, boolean[] valid, Vote out);

    /** The reference voter for an architecture. */
    static Voter of(SafetyParameters p) {
        return switch (p.architecture()) {
            case ONE_OUT_OF_ONE -> new OneOutOfOne(p);
            case ONE_OUT_OF_TWO -> new OneOutOfTwo(p);
            case TWO_OUT_OF_THREE -> new TwoOutOfThree(p);
        };
    }
}
