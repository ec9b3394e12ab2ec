package org.sysmodels.nvme.model;

import org.sysmodels.nvme.model.media.ServiceModel;
import org.sysmodels.nvme.model.register.ControllerConfig;
import org.sysmodels.nvme.host.platform.RawHost;

/** Test helpers: a controller with an instant device behind a {@link RawHost}. */
public final class Hosts {

    private Hosts() {
    }

    public static ControllerConfig instant() {
        return ControllerConfig.defaults().withService(ServiceModel.instant(4)).withTiming(100_000, 50_000, 20_000, 0);
    }

    /** Enabled, admin queues of 32 entries. */
    public static RawHost ready() {
        RawHost h = new RawHost(instant(), 1);
        if (!h.enable(32)) {
            throw new AssertionError("controller did not become ready: CSTS=" + Integer.toHexString(h.csts()));
        }
        return h;
    }

    /** Ready, with I/O queue pair 1 of {@code entries}. */
    public static RawHost withQueue(int entries) {
        RawHost h = ready();
        if (!h.createQueuePair(1, entries)) {
            throw new AssertionError("could not create queue pair 1");
        }
        return h;
    }
}
