package org.sysmodels.presence.cluster;

/** A cluster backend that can say how it is doing (for the node's periodic status line). Any thread. */
public interface ClusterReport {

    /** One line: peers, log entries applied, outages and how they were recovered. */
    String statusLine();
}
