package org.sysmodels.nvme.model;

import org.sysmodels.nvme.host.RawHost;

/** Test helpers: a controller with an instant device behind a {@link RawHost}. */
final class Hosts {

    private Hosts() {
    }

    static ControllerConfig instant() {
        return ControllerConfig.defaults().withService(ServiceModel.instant(4)).withTiming(100_000, 50_000, 20_000, 0);
    }

    /** Enabled, admin queues of 32 entries. */
    static RawHost ready() {
        RawHost h = new RawHost(instant(), 1);
        if (!h.enable(32)) {
            throw new AssertionError("controller did not become ready: CSTS=" + Integer.toHexString(h.csts()));
        }
        return h;
    }

    /** Ready, with I/O queue pair 1 of {@code entries}. */
    static RawHost withQueue(int entries) {
        RawHost h = ready();
        if (!h.createQueuePair(1, entries)) {
            throw new AssertionError("could not create queue pair 1");
        }
        return h;
    }
}
