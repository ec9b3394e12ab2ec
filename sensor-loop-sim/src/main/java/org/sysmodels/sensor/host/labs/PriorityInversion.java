package org.sysmodels.sensor.host.labs;

import org.sysmodels.sensor.host.reference.RticSafetyFirmware;
import org.sysmodels.sensor.host.rtic.LockPolicy;

/**
 * Bug lab: the RTIC safety firmware with a plain mutex instead of the priority ceiling. When selftest holds
 * {@code status}, sample (priority 3) waits, and log (priority 2), which needs no resource at all, runs in between:
 * sample's response time grows by all of log's 1.5 ms and it misses its deadline.
 */
public final class PriorityInversion extends RticSafetyFirmware {

    private static final LockPolicy MUTEX = new DeferringMutex();

    @Override
    protected LockPolicy lockPolicy() {
        return MUTEX;
    }
}
