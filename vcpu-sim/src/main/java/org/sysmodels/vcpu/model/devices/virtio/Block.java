package org.sysmodels.vcpu.model.devices.virtio;

import org.sysmodels.vcpu.model.devices.ratelimit.RateLimiter;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.os.Clock;
import org.sysmodels.vcpu.model.os.TimerFd;

/**
 * A virtio block device (virtio 1.2 §5.2) as Firecracker's {@code devices/virtio/block/virtio/} implements it: one
 * queue of 256 entries; a request is a chain of a header (type, sector) the device reads, a data buffer (for IN, OUT
 * and GET_ID) and a status byte the device writes. The queue is processed on the VMM thread when the queue's
 * eventfd fires (the guest's QueueNotify write, through KVM's ioeventfd): each request is parsed (a malformed chain
 * is completed with no status written, as Firecracker does), charged to the rate limiter (one op, plus its bytes for
 * IN/OUT; if refused the chain goes back to the ring and processing stops until the limiter's timer fires), then
 * executed. With the {@code Sync} engine it completes at once; with the {@code Async} engine (io_uring in
 * Firecracker) it is in flight until its completion arrives {@code asyncLatencyNs} later. Completed chains go to the
 * used ring; if any did, the device raises its interrupt unless the driver asked for none.
 *
 * <p>GET_ID answers with an id built from the backing file's metadata when it was opened, not with the API's
 * {@code drive_id} ({@link DiskProperties#imageId}). After boot, {@link #updateDiskImage} swaps the backing file
 * (PATCH /drives with {@code path_on_host}), and with it the id.
 *
 * <p>Before a snapshot, {@link #prepareSave()} drains and flushes what is in flight (Firecracker's
 * {@code prepare_save}): the saved state has no place for in-flight requests.
 */
public class Block implements VirtioDevice {

    public static final int QUEUE_SIZE = 256;
    public static final int SECTOR_SHIFT = 9;
    public static final int SECTOR_SIZE = 1 << SECTOR_SHIFT;
    public static final int ID_BYTES = 20;

    public static final int T_IN = 0;
    public static final int T_OUT = 1;
    public static final int T_FLUSH = 4;
    public static final int T_GET_ID = 8;
    public static final int S_OK = 0;
    public static final int S_IOERR = 1;
    public static final int S_UNSUPP = 2;

    public static final int F_RO = 5;
    public static final int F_FLUSH = 9;
    public static final long F_VERSION_1 = 32;

    /** Which I/O engine (Firecracker's {@code io_engine}: Sync, or Async with io_uring). */
    public enum Engine {
        SYNC,
        ASYNC
    }

    /** What the device did with a request, for checks and traces. */
    public interface Listener {
        default void request(Block device, int type, long sector, int dataLen, int status, boolean async) {
        }

        default void throttled(Block device) {
        }

        /** A request went in flight in the async engine. */
        default void submitted(Block device, int type, long sector, int dataLen) {
        }
    }

    /** A request submitted to the async engine and not completed yet. */
    public record InFlight(int head, int type, long sector, long dataAddr, int dataLen, long statusAddr,
                           long completeAt) {
    }

    private final String id;
    private final GuestMemory mem;
    private DiskProperties disk;
    private final RateLimiter limiter;
    private final Engine engine;
    private final AsyncEngine async;
    private final Clock clock;
    private final Virtqueue queue = new Virtqueue(QUEUE_SIZE);
    private final Virtqueue[] queues = {queue};
    private final long availFeatures;
    private long ackedFeatures;
    private boolean activated;
    private VirtioMmio transport;
    private Listener listener = new Listener() { };
    private final RequestExecutor executor = new RequestExecutor();
    private long requests;

    public Block(String id, GuestMemory mem, DiskImage disk, RateLimiter limiter, Engine engine, long asyncLatencyNs,
                 TimerFd completionTimer, Clock clock, boolean writebackCache) {
        this.id = id;
        this.mem = mem;
        this.disk = DiskProperties.of(disk);
        this.limiter = limiter;
        this.engine = engine;
        this.async = new AsyncEngine(asyncLatencyNs, completionTimer);
        this.clock = clock;
        long f = 1L << F_VERSION_1;
        if (writebackCache) {
            f |= 1L << F_FLUSH;
        }
        if (disk.readOnly()) {
            f |= 1L << F_RO;
        }
        this.availFeatures = f;
    }

    public void attach(VirtioMmio t) {
        transport = t;
    }

    public void listener(Listener l) {
        listener = l;
    }

    public String id() {
        return id;
    }

    public DiskImage disk() {
        return disk.image();
    }

    public RateLimiter rateLimiter() {
        return limiter;
    }

    public Engine engine() {
        return engine;
    }

    public TimerFd completionTimer() {
        return async.completionTimer();
    }

    public long requests() {
        return requests;
    }

    public int inFlightCount() {
        return async.size();
    }

    /**
     * What GET_ID answers: an id built from the backing file's device and inode numbers (not the API's
     * {@code drive_id}), see {@link DiskProperties#imageId}.
     */
    public byte[] imageId() {
        return disk.imageId().clone();
    }

    public long sectors() {
        return disk.sectors();
    }

    @Override
    public String name() {
        return "virtio-blk " + id;
    }

    @Override
    public int deviceType() {
        return 2;
    }

    @Override
    public long availFeatures() {
        return availFeatures;
    }

    @Override
    public void ackFeatures(int page, int bits) {
        long v = (bits & 0xFFFF_FFFFL) << (32 * page);
        if (page > 1) {
            return;
        }
        ackedFeatures |= v & availFeatures;
    }

    @Override
    public long ackedFeatures() {
        return ackedFeatures;
    }

    @Override
    public long readConfig(long offset, int len) {
        long capacity = sectors();
        if (offset < 0 || offset + len > 8) {
            return 0;
        }
        return (capacity >>> (8 * offset)) & (len == 8 ? -1L : (1L << (8 * len)) - 1);
    }

    @Override
    public Virtqueue[] queues() {
        return queues;
    }

    @Override
    public boolean activate(GuestMemory m) {
        if (!queue.isValid(m)) {
            return false;
        }
        activated = true;
        return true;
    }

    @Override
    public boolean isActivated() {
        return activated;
    }

    @Override
    public boolean reset() {
        activated = false;
        ackedFeatures = 0;
        queue.reset();
        async.clear();
        return true;
    }

    // ------------------------------------------------------------------ the event handlers (VMM thread)

    /** The queue's eventfd fired (the guest notified the queue). */
    public void processQueueEvent() {
        if (!activated || limiter.isBlocked()) {
            if (limiter.isBlocked()) {
                listener.throttled(this);
            }
            return;
        }
        processQueue();
    }

    /** The rate limiter's timer fired: the limiter opens and the queue is processed again. */
    public void processRateLimiterEvent() {
        if (limiter.timerFired() && activated) {
            processQueue();
        }
    }

    /** The async engine's completion timer fired: completes what is due. */
    public void processAsyncCompletions() {
        async.completionTimer().read();
        long now = clock.nanoTime();
        boolean used = false;
        InFlight r;
        while ((r = async.nextDue(now)) != null) {
            complete(r);
            used = true;
        }
        publish(used);
        async.arm(now);
    }

    private void processQueue() {
        boolean used = false;
        int head;
        while ((head = queue.pop(mem)) >= 0) {
            used |= handle(head);
            if (limiter.isBlocked()) {
                break;
            }
        }
        publish(used);
    }

    /** @return true if the chain went to the used ring now */
    private boolean handle(int head) {
        InFlight r = BlockRequest.parse(queue, mem, head, sectors());
        if (r == null) {
            return malformed(head);
        }
        int type = r.type();
        int dataLen = r.dataLen();
        // Rate limit: one op, then the bytes of a data transfer (giving the op back if they do not fit).
        if (!limiter.consume(1, RateLimiter.TokenType.OPS)) {
            queue.undoPop();
            listener.throttled(this);
            return false;
        }
        if ((type == T_IN || type == T_OUT) && !limiter.consume(dataLen & 0xFFFF_FFFFL,
                RateLimiter.TokenType.BYTES)) {
            limiter.manualReplenish(1, RateLimiter.TokenType.OPS);
            queue.undoPop();
            listener.throttled(this);
            return false;
        }
        requests++;
        if (engine == Engine.ASYNC && (type == T_IN || type == T_OUT || type == T_FLUSH)) {
            async.submit(r, clock.nanoTime());
            listener.submitted(this, type, r.sector(), dataLen);
            return false;
        }
        complete(r);
        return true;
    }

    /** A chain that is not a valid request: back to the driver with nothing written (device.rs: execute_fails). */
    private boolean malformed(int head) {
        queue.addUsed(mem, head, 0);
        listener.request(this, -1, 0, 0, -1, false);
        return true;
    }

    /** Executes a request and puts its chain on the used ring (not yet published). */
    private void complete(InFlight r) {
        RequestExecutor.Done done = executor.execute(r, disk, mem);
        mem.write(r.statusAddr(), 1, done.status());
        queue.addUsed(mem, r.head(), done.bytesToMem() + 1);
        listener.request(this, r.type(), r.sector(), r.dataLen(), done.status(), r.completeAt() != 0);
    }

    private void publish(boolean used) {
        if (!used) {
            return;
        }
        queue.advanceUsedIdx(mem);
        if (queue.needsNotification(mem) && transport != null) {
            transport.signalUsedBuffers();
        }
    }

    /** Completes every request in flight, oldest first (not yet published); @return true if there was one. */
    private boolean completeAllInFlight() {
        boolean any = false;
        InFlight r;
        while ((r = async.next()) != null) {
            complete(r);
            any = true;
        }
        return any;
    }

    // ------------------------------------------------------------------ a new backing file (PATCH /drives)

    /**
     * The device now reads and writes {@code newDisk} (opened, as before, read-only or not as the device is): its
     * capacity in the configuration space and its GET_ID id are the new file's, and an activated device raises a
     * configuration-change interrupt so the driver reads it again (Firecracker
     * {@code devices/virtio/block/virtio/device.rs} {@code update_disk_image}: {@code disk.update}, which rebuilds
     * {@code DiskProperties}, {@code config_space.capacity}, then {@code trigger(VirtioInterruptType::Config)} only
     * if activated). Requests in flight in the async engine are
     * completed against the old file first; Firecracker replaces the engine's io_uring and their completions are
     * not awaited (a departure, so that no guest request is left unanswered).
     */
    public void updateDiskImage(DiskImage newDisk) {
        publish(completeAllInFlight());
        disk = DiskProperties.of(newDisk);
        if (activated && transport != null) {
            transport.signalConfigChange();
        }
    }

    // ------------------------------------------------------------------ snapshots

    /**
     * Makes the device ready to be saved: completes every request in flight and flushes (drain_and_flush), then
     * publishes them to the guest, as Firecracker's {@code prepare_save} does.
     */
    public void prepareSave() {
        if (!activated) {
            return;
        }
        boolean used = completeAllInFlight();
        disk.image().flush();
        publish(used);
    }

    /** The device state a snapshot keeps: features, activation, the queue's registers and counters. */
    public long[] save() {
        long[] q = queue.save();
        long[] s = new long[3 + q.length];
        s[0] = ackedFeatures;
        s[1] = activated ? 1 : 0;
        s[2] = async.size();
        System.arraycopy(q, 0, s, 3, q.length);
        return s;
    }

    public void restore(long[] s) {
        ackedFeatures = s[0];
        activated = s[1] != 0;
        long[] q = new long[s.length - 3];
        System.arraycopy(s, 3, q, 0, q.length);
        queue.restore(q);
        async.clear();
    }
}
