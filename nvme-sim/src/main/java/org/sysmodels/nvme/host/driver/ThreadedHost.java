package org.sysmodels.nvme.host.driver;

import java.util.concurrent.atomic.AtomicBoolean;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.nvme.host.platform.DmaAllocator;
import org.sysmodels.nvme.model.Controller;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.status.Status;

/**
 * The threaded mode: after bring-up, the controller runs on its own thread, polling its doorbells, and this host loop
 * runs on the caller's thread, driving the reference driver's I/O queue pairs directly (no blk-mq, no interrupts:
 * Linux's polled queues). The two threads share nothing but host memory and the doorbell registers, so every
 * cross-thread access is one of the ordered ones a real driver depends on:
 *
 * <ol>
 *   <li>host: SQE written with plain stores, then the SQ tail doorbell with a release store (StoreStore);
 *   <li>device: the doorbell read with acquire (LoadLoad), then the SQE with plain loads;
 *   <li>device: the data transfer and CQE DW0–DW2 with plain stores, a release fence, then DW3 with the phase tag;
 *   <li>host: DW3 read, an acquire fence, then the rest of the entry and the data;
 *   <li>host: the CQ head doorbell with a release store; device: read with acquire before it reuses those slots.
 * </ol>
 * Remove any of the fences and the JIT or the CPU may let the other side see a half-written entry.
 *
 * <p>Checks: every completion must be for a command in flight and arrive exactly once; a run that stops making
 * progress for {@code stallNanos} of wall-clock time is reported as a stall, never a hang.
 */
public final class ThreadedHost implements CompletionHandler {

    private final Controller controller;
    private final QueuePair[] queues;
    private final int depth;
    private final int nsid;
    private final long regionIos;
    private final int blocksPerIo;
    private final boolean writes;
    private final int readPercent;
    private final RandomStream random;
    /** Per (queue q, CID c), at index q × depth + c. */
    private final int[] buffer;
    private final long[] lbaOf;
    private final boolean[] inFlight;
    private final boolean[] isWrite;
    private final int[][] freeCids;
    private final int[] freeCount;
    private final HostMemory memory;
    private ThreadedObserver observer = ThreadedObserver.NONE;
    private final AtomicBoolean stop = new AtomicBoolean();
    private Thread device;
    private volatile Throwable deviceFailure;
    private long completed;
    /** Commands submitted so far; never past the current run's target, so a run stops at exactly its count. */
    private long issued;
    private long limit;
    private long errors;
    private long duplicates;
    private long generation;

    /**
     * @param depth     commands in flight per queue pair (at most the queue size − 1)
     * @param readPercent share of reads (100 = random read)
     */
    public ThreadedHost(LinuxDriver driver, Controller controller, DmaAllocator allocator, int depth, int readPercent,
                        int bs, RandomStream random) {
        this.controller = controller;
        this.memory = allocator.memory();
        int n = driver.ioQueues();
        this.queues = new QueuePair[n];
        for (int q = 0; q < n; q++) {
            queues[q] = driver.ioQueue(q + 1);
        }
        this.depth = Math.min(depth, queues[0].entries - 1);
        this.nsid = driver.namespaceId();
        this.blocksPerIo = Math.max(1, bs / driver.lbaSize());
        this.regionIos = driver.namespaceBlocks() / blocksPerIo;
        this.readPercent = readPercent;
        this.writes = readPercent < 100;
        this.random = random;
        this.buffer = new int[n * this.depth];
        this.lbaOf = new long[n * this.depth];
        this.inFlight = new boolean[n * this.depth];
        this.isWrite = new boolean[n * this.depth];
        this.freeCids = new int[n][this.depth];
        this.freeCount = new int[n];
        for (int q = 0; q < n; q++) {
            for (int c = 0; c < this.depth; c++) {
                buffer[q * this.depth + c] = allocator.allocPage();
                freeCids[q][c] = this.depth - 1 - c;
            }
            freeCount[q] = this.depth;
        }
    }

    /** Who hears about stalls, unknown completions and wrong data (on the host thread). */
    public void observe(ThreadedObserver o) {
        observer = o == null ? ThreadedObserver.NONE : o;
    }

    /** Starts the device thread: the controller switches to polled doorbells. */
    public void start() {
        controller.polled(true);
        stop.set(false);
        device = new Thread(() -> {
            try {
                int idle = 0;
                while (!stop.get()) {
                    if (controller.poll()) {
                        idle = 0;
                    } else {
                        backOff(++idle);
                    }
                }
            } catch (Throwable t) {
                deviceFailure = t;
            }
        }, "nvme-device");
        device.setDaemon(true);
        device.start();
    }

    /**
     * Host thread: keeps every queue full and reaps completions until {@code commands} more have completed, or
     * until no completion arrived for {@code stallNanos}. Submits no more than that, as fio stops issuing at its
     * {@code number_ios}: the last commands drain, and none is left in the device. @return true if all completed
     */
    public boolean run(long commands, long stallNanos) {
        long target = completed + commands;
        limit = target;
        for (int q = 0; q < queues.length; q++) {
            fill(q);
        }
        long lastProgress = System.nanoTime();
        long lastCompleted = completed;
        int idle = 0;
        while (completed < target) {
            for (int q = 0; q < queues.length; q++) {
                if (queues[q].reap(this) > 0) {
                    fill(q);
                }
            }
            if (completed != lastCompleted) {
                lastCompleted = completed;
                idle = 0;
                continue;
            }
            if (++idle % 1024 == 0) {
                long now = System.nanoTime();
                if (idle == 1024) {
                    lastProgress = now;
                } else if (now - lastProgress > stallNanos || deviceFailure != null) {
                    observer.stalled(now - lastProgress, inFlightCount(), deviceFailure);
                    return false;
                }
            }
            backOff(idle);
        }
        return true;
    }

    /** Spin briefly, then yield: on a machine with fewer free cores than spinning threads, spinning alone starves. */
    private static void backOff(int idle) {
        if (idle < 256) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /** Stops the device thread and waits for it; the controller goes back to scheduler mode. */
    public void stop() {
        stop.set(true);
        try {
            device.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        controller.polled(false);
    }

    private void fill(int q) {
        QueuePair qp = queues[q];
        int[] free = freeCids[q];
        int base = q * depth;
        while (freeCount[q] > 0 && !qp.sqFull() && issued < limit) {
            issued++;
            int cid = free[--freeCount[q]];
            int k = base + cid;
            long lba = random.nextLong(regionIos) * blocksPerIo;
            boolean write = writes && random.nextInt(100) >= readPercent;
            long prp1 = HostMemory.address(buffer[k], 0);
            if (write) {
                byte[] f = memory.freshFrame(buffer[k]);
                HostMemory.putLong(f, 0, lba);
                HostMemory.putLong(f, 8, ++generation);
            }
            lbaOf[k] = lba;
            isWrite[k] = write;
            inFlight[k] = true;
            qp.pushReadWrite(write ? Opcodes.WRITE : Opcodes.READ, cid, nsid, prp1, 0, lba, blocksPerIo - 1);
        }
        // Release store of the tail: the SQEs and the write data above become visible to the device first.
        qp.ring();
    }

    @Override
    public void completion(int qid, int cid, int status, int dw0, int sqhd) {
        int q = qid - 1;
        int k = q * depth + cid;
        if (cid >= depth || !inFlight[k]) {
            duplicates++;
            observer.unknownCompletion(qid, cid);
            return;
        }
        inFlight[k] = false;
        if (!Status.isSuccess(status)) {
            errors++;
        } else if (!isWrite[k]) {
            // After the acquire on DW3, the data the device stored before its release is visible: a read returns
            // zeros (never written) or a block stamped with its own LBA by an earlier write.
            byte[] f = memory.frame(buffer[k]);
            long stamp = HostMemory.getLong(f, 0);
            if (stamp != lbaOf[k] && (stamp != 0 || HostMemory.getLong(f, 8) != 0)) {
                observer.wrongData(qid, lbaOf[k], stamp);
            }
        }
        completed++;
        freeCids[q][freeCount[q]++] = cid;
    }

    private int inFlightCount() {
        int n = 0;
        for (boolean b : inFlight) {
            n += b ? 1 : 0;
        }
        return n;
    }

    public long completed() {
        return completed;
    }

    /** Commands submitted so far (equal to {@link #completed()} after a run that did not stall). */
    public long issued() {
        return issued;
    }

    public long errors() {
        return errors;
    }

    public long duplicates() {
        return duplicates;
    }

    public int queuePairs() {
        return queues.length;
    }

    public int depthPerQueue() {
        return depth;
    }
}
