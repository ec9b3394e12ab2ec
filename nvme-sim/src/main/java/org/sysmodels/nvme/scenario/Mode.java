package org.sysmodels.nvme.scenario;

/** How host and controller run: on the sim-core scheduler, or on two real threads sharing the rings. */
public enum Mode {
    DETERMINISTIC, THREADED
}
