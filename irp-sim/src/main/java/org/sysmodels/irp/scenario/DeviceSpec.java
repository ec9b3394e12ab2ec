package org.sysmodels.irp.scenario;

import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.scenario.Range;

/**
 * The storage controller behind the RAM disk: whether there is one (without it the RAM disk completes every request
 * in its dispatch routine), how many transfers it runs at once, and how long each takes. Defaults: present, 4
 * channels, exponential latency with a 20 us mean.
 */
public record DeviceSpec(Boolean hardware, @Range(min = 1, max = 256) Integer channels, Distribution latency) {

    public static final DeviceSpec DEFAULT = new DeviceSpec(null, null, null);

    public DeviceSpec {
        hardware = hardware == null || hardware;
        channels = channels == null ? 4 : channels;
        latency = latency == null ? new Distribution.Exponential(20_000) : latency;
    }
}
