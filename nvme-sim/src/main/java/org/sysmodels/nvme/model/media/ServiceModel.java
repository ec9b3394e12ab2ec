package org.sysmodels.nvme.model.media;

import org.sysmodels.core.random.Distribution;

/**
 * How long the device takes: {@code units} internal units work in parallel (flash channels, dies, firmware cores:
 * whatever limits concurrency), each command occupies one unit for a time drawn from its opcode's distribution, and
 * commands wait in FIFO order for a free unit. So at queue depth ≤ units latency is the service time, and beyond it
 * IOPS saturate at units / mean service time while latency grows with the queue (Little's law).
 *
 * <p>Admin commands take {@code admin} each and do not occupy a unit.
 *
 * <p>{@code bandwidth} (bytes per second, 0 = unlimited) models the link: after its unit is done, a Read or Write
 * moves its data over one shared link, one transfer at a time in FIFO order, in {@code n / bandwidth}; the unit is
 * free again meanwhile. So bandwidth, not the units, limits large transfers (a PCIe 4.0 x4 link carries ~7 GB/s).
 */
public record ServiceModel(int units, Distribution read, Distribution write, Distribution flush,
                           Distribution writeZeroes, Distribution datasetManagement, Distribution admin,
                           long bandwidth) {

    private static final Distribution ZERO = new Distribution.Fixed(0);

    public ServiceModel {
        if (units < 1) {
            throw new IllegalArgumentException("a device needs at least one internal unit, got " + units);
        }
    }

    public ServiceModel(int units, Distribution read, Distribution write, Distribution flush,
                        Distribution writeZeroes, Distribution datasetManagement, Distribution admin) {
        this(units, read, write, flush, writeZeroes, datasetManagement, admin, 0);
    }

    /** Time the link takes to move {@code bytes}. */
    public long transferTime(long bytes) {
        return bandwidth <= 0 ? 0 : (long) Math.ceil(bytes * 1e9 / bandwidth);
    }

    /** Every command completes in zero time: the model's own speed, with no device in the way. */
    public static ServiceModel instant(int units) {
        return new ServiceModel(units, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO);
    }
}
