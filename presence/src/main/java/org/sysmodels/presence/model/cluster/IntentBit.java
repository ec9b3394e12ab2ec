package org.sysmodels.presence.model.cluster;

/**
 * One gateway intent bit of a session as a node knows it: the Identify set it, left it clear, or the node cannot
 * tell (the session's state came through the cluster from a writer that did not record the bit). A node never
 * refuses a client for a bit it does not know.
 */
public enum IntentBit {
    SET, CLEAR, UNKNOWN;

    public static IntentBit of(boolean set) {
        return set ? SET : CLEAR;
    }
}
