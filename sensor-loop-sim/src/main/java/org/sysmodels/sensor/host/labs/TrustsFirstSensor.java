package org.sysmodels.sensor.host.labs;

import org.sysmodels.sensor.host.reference.SafetyFirmware;
import org.sysmodels.sensor.host.safety.Voter;

/**
 * Bug lab: the 1oo2 vote trusts the first sensor. Its second sensor is read and checked but never compared, so a
 * first sensor that drifts low (each reading plausible, slowly wrong) hides a real over-temperature.
 */
public final class TrustsFirstSensor extends SafetyFirmware {

    @Override
    protected Voter voter() {
        return new FirstChannelVoter(params);
    }
}
