package org.sysmodels.nvme.host.driver;

/**
 * How the reference driver sets the device up, named after Linux's module parameters where there is one.
 *
 * @param ioQueues          I/O queue pairs to ask for (Set Features Number of Queues; one per CPU in Linux)
 * @param ioQueueEntries    entries per I/O SQ and CQ ({@code nvme.io_queue_depth}, default 1024), capped by CAP.MQES + 1
 * @param adminQueueEntries entries of the admin queues ({@code NVME_AQ_DEPTH}, 32)
 * @param tagDepth          tags per hardware queue; 0 = entries − 1, the most a queue can hold
 * @param polled            complete by polling the CQ ({@code poll_queues}) instead of by interrupt
 * @param pollInterval      how often a polled queue is checked while it has commands in flight
 * @param coalesceThreshold Interrupt Coalescing THR to set (0's based), or -1 to leave the device default
 * @param coalesceTime      Interrupt Coalescing TIME to set (100 µs units)
 * @param weightedRoundRobin select WRR with urgent class in CC.AMS when CAP.AMS allows it
 * @param arbitration       the Arbitration feature value to set (AB, LPW, MPW, HPW), or -1 to leave it
 * @param queuePriorities   QPRIO of I/O SQ 1, 2, ... (repeats the last; WRR only); empty = medium
 * @param ioTimeout         {@code nvme_core.io_timeout}, 30 s
 * @param adminTimeout      {@code nvme_core.admin_timeout}, 60 s
 * @param readyPoll         interval between CSTS reads while waiting for RDY or SHST
 * @param maxRetries        {@code nvme_core.max_retries}, 5: retries of a command that failed without DNR
 * @param maxResets         controller resets in a row without a successful command before the device is declared dead
 */
public record DriverConfig(int ioQueues, int ioQueueEntries, int adminQueueEntries, int tagDepth, boolean polled,
                           long pollInterval, int coalesceThreshold, int coalesceTime, boolean weightedRoundRobin,
                           int arbitration, java.util.List<Integer> queuePriorities, long ioTimeout,
                           long adminTimeout, long readyPoll, int maxRetries, int maxResets) {

    public DriverConfig {
        queuePriorities = java.util.List.copyOf(queuePriorities);
    }

    public static DriverConfig linuxDefaults(int ioQueues) {
        return new DriverConfig(ioQueues, 1024, 32, 0, false, 1_000L, -1, 0, false, -1, java.util.List.of(),
                30_000_000_000L, 60_000_000_000L, 100_000L, 5, 3);
    }

    public DriverConfig withPolling(boolean on) {
        return new DriverConfig(ioQueues, ioQueueEntries, adminQueueEntries, tagDepth, on, pollInterval,
                coalesceThreshold, coalesceTime, weightedRoundRobin, arbitration, queuePriorities, ioTimeout,
                adminTimeout, readyPoll, maxRetries, maxResets);
    }

    public DriverConfig withQueueEntries(int entries, int tags) {
        return new DriverConfig(ioQueues, entries, adminQueueEntries, tags, polled, pollInterval, coalesceThreshold,
                coalesceTime, weightedRoundRobin, arbitration, queuePriorities, ioTimeout, adminTimeout, readyPoll,
                maxRetries, maxResets);
    }

    public DriverConfig withCoalescing(int threshold, int time) {
        return new DriverConfig(ioQueues, ioQueueEntries, adminQueueEntries, tagDepth, polled, pollInterval,
                threshold, time, weightedRoundRobin, arbitration, queuePriorities, ioTimeout, adminTimeout,
                readyPoll, maxRetries, maxResets);
    }

    public DriverConfig withArbitration(boolean wrr, int value, java.util.List<Integer> priorities) {
        return new DriverConfig(ioQueues, ioQueueEntries, adminQueueEntries, tagDepth, polled, pollInterval,
                coalesceThreshold, coalesceTime, wrr, value, priorities, ioTimeout, adminTimeout, readyPoll,
                maxRetries, maxResets);
    }

    public DriverConfig withTimeouts(long io, long admin) {
        return new DriverConfig(ioQueues, ioQueueEntries, adminQueueEntries, tagDepth, polled, pollInterval,
                coalesceThreshold, coalesceTime, weightedRoundRobin, arbitration, queuePriorities, io, admin,
                readyPoll, maxRetries, maxResets);
    }

    /** The QPRIO of I/O queue {@code qid} (1-based). */
    public int priorityOf(int qid) {
        if (queuePriorities.isEmpty()) {
            return 2;
        }
        return queuePriorities.get(Math.min(qid, queuePriorities.size()) - 1);
    }
}
