package org.sysmodels.vcpu.host.labs;

import org.sysmodels.vcpu.model.devices.ratelimit.RateLimiter;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.devices.virtio.DiskImage;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.os.Clock;
import org.sysmodels.vcpu.model.os.TimerFd;
import org.sysmodels.vcpu.model.vmm.VmmParts;

/**
 * Bug lab: a block device that, asked to get ready for a snapshot, flushes its disk but does not wait for the
 * requests its async engine still has in flight. Its saved state has already moved past them in the ring, and has
 * nowhere to keep them: the restored guest waits for a write that never completes.
 */
public final class LosesInFlightWrite extends Block {

    public static final VmmParts PARTS = new VmmParts() {
        @Override
        public Block block(String id, GuestMemory mem, DiskImage disk, RateLimiter limiter, Engine engine,
                           long asyncLatencyNs, TimerFd completionTimer, Clock clock, boolean writebackCache) {
            return new LosesInFlightWrite(id, mem, disk, limiter, engine, asyncLatencyNs, completionTimer, clock,
                    writebackCache);
        }

        @Override
        public String name() {
            return "loses-in-flight-write";
        }
    };

    public LosesInFlightWrite(String id, GuestMemory mem, DiskImage disk, RateLimiter limiter, Engine engine,
                              long asyncLatencyNs, TimerFd completionTimer, Clock clock, boolean writebackCache) {
        super(id, mem, disk, limiter, engine, asyncLatencyNs, completionTimer, clock, writebackCache);
    }

    @Override
    public void prepareSave() {
        disk().flush(); // the bug: no drain, what is in flight stays there
    }
}
