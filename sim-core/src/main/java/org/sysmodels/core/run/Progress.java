package org.sysmodels.core.run;

/**
 * Where a long run reports how far it has got, so a user watching a terminal sees it move: the command line shows
 * one updating line on a console and nothing otherwise. Reporting is cheap, but a model should still call it only
 * every few thousand events. It never influences the run.
 */
@FunctionalInterface
public interface Progress {

    /** Reports nothing. */
    Progress NONE = (fraction, what) -> { };

    /**
     * @param fraction how much of the run is done, 0 to 1
     * @param what     what is being counted ("I/Os", "virtual time", "faults")
     */
    void report(double fraction, String what);
}
