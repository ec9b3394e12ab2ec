package org.sysmodels.sensor.host.labs;

import org.sysmodels.sensor.host.reference.SafetyFirmware;
import org.sysmodels.sensor.host.safety.ChannelMonitor;

/**
 * Bug lab: the firmware trusts every reading that arrives: no range, rate-of-change or frozen-data check. A sensor
 * stuck at a normal-looking value passes the 1oo2 comparison too (its twin reads the same), so it goes unnoticed and
 * the function silently loses its redundancy.
 */
public final class NoPlausibility extends SafetyFirmware {

    @Override
    protected ChannelMonitor monitor() {
        return new AcceptEverything(params, mcu.now());
    }
}
