package org.sysmodels.nvme.scenario;

import org.sysmodels.core.scenario.SizeDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;
import org.sysmodels.core.scenario.DurationDeserializer;
import org.sysmodels.nvme.host.driver.DriverConfig;

/**
 * The host in a scenario: how many I/O queue pairs the driver asks for (0 = one per CPU, as Linux does), CPUs,
 * queue sizes, completion by interrupt or polling, MSI-X delivery latency, interrupt coalescing, arbitration, the
 * driver's timeouts and the size of host memory.
 */
public record HostSpec(
        @Range(min = 0, max = MAX_QUEUES) Integer queues,
        @Range(min = 0, max = 1024) Integer cpus,
        @Range(min = 2, max = 65536) Integer queueEntries,
        @Range(min = 0, max = 65535) Integer tagDepth,
        Completion completion,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1, max = 1e9) Long pollInterval,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e9) Long interruptLatency,
        @Range(min = -1, max = 255) Integer coalesceThreshold,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 25_500_000) Long coalesceTime,
        Arbitration arbitration,
        @Range(min = 0, max = 7) Integer burst,
        @Range(min = 1, max = 256) Integer highWeight,
        @Range(min = 1, max = 256) Integer mediumWeight,
        @Range(min = 1, max = 256) Integer lowWeight,
        List<Priority> priorities,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1000, max = 1e12) Long ioTimeout,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1000, max = 1e12) Long adminTimeout,
        @JsonDeserialize(using = SizeDeserializer.class) @Range(min = 1 << 22, max = 1L << 36) Long memory) {

    /** The most I/O queue pairs a scenario (or {@code --queues}) may ask for. */
    public static final int MAX_QUEUES = 1024;

    /** How completions are noticed. */
    public enum Completion { INTERRUPT, POLL }

    /** CC.AMS: round robin, or weighted round robin with urgent priority class. */
    public enum Arbitration { RR, WRR }

    /** Create I/O SQ QPRIO. */
    public enum Priority { URGENT, HIGH, MEDIUM, LOW }

    public static final HostSpec DEFAULT = new HostSpec(null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    public HostSpec {
        queues = queues == null ? 0 : queues;
        cpus = cpus == null ? 0 : cpus;
        queueEntries = queueEntries == null ? 1024 : queueEntries;
        tagDepth = tagDepth == null ? 0 : tagDepth;
        completion = completion == null ? Completion.INTERRUPT : completion;
        pollInterval = pollInterval == null ? 2_000L : pollInterval;
        interruptLatency = interruptLatency == null ? 1_000L : interruptLatency;
        coalesceThreshold = coalesceThreshold == null ? -1 : coalesceThreshold;
        coalesceTime = coalesceTime == null ? 0L : coalesceTime;
        arbitration = arbitration == null ? Arbitration.RR : arbitration;
        burst = burst == null ? 7 : burst;
        highWeight = highWeight == null ? 8 : highWeight;
        mediumWeight = mediumWeight == null ? 4 : mediumWeight;
        lowWeight = lowWeight == null ? 1 : lowWeight;
        priorities = priorities == null ? List.of() : List.copyOf(priorities);
        ioTimeout = ioTimeout == null ? 30_000_000_000L : ioTimeout;
        adminTimeout = adminTimeout == null ? 60_000_000_000L : adminTimeout;
        memory = memory == null ? 256L << 20 : memory;
        if (coalesceTime % 100_000 != 0) {
            throw new InvalidFieldException("coalesceTime", "must be a multiple of 100us (the TIME unit), got "
                    + coalesceTime + " ns");
        }
    }

    public HostSpec withQueues(int q, int cpuCount) {
        return new HostSpec(q, cpuCount, queueEntries, tagDepth, completion, pollInterval, interruptLatency,
                coalesceThreshold, coalesceTime, arbitration, burst, highWeight, mediumWeight, lowWeight, priorities,
                ioTimeout, adminTimeout, memory);
    }

    public HostSpec withCompletion(Completion c) {
        return new HostSpec(queues, cpus, queueEntries, tagDepth, c, pollInterval, interruptLatency,
                coalesceThreshold, coalesceTime, arbitration, burst, highWeight, mediumWeight, lowWeight, priorities,
                ioTimeout, adminTimeout, memory);
    }

    public HostSpec withInterruptLatency(long ns) {
        return new HostSpec(queues, cpus, queueEntries, tagDepth, completion, pollInterval, ns,
                coalesceThreshold, coalesceTime, arbitration, burst, highWeight, mediumWeight, lowWeight, priorities,
                ioTimeout, adminTimeout, memory);
    }

    public HostSpec withQueueEntries(int entries, int tags) {
        return new HostSpec(queues, cpus, entries, tags, completion, pollInterval, interruptLatency,
                coalesceThreshold, coalesceTime, arbitration, burst, highWeight, mediumWeight, lowWeight, priorities,
                ioTimeout, adminTimeout, memory);
    }

    public HostSpec withTimeouts(long io, long admin) {
        return new HostSpec(queues, cpus, queueEntries, tagDepth, completion, pollInterval, interruptLatency,
                coalesceThreshold, coalesceTime, arbitration, burst, highWeight, mediumWeight, lowWeight, priorities,
                io, admin, memory);
    }

    public HostSpec withArbitration(Arbitration a, List<Priority> prios) {
        return new HostSpec(queues, cpus, queueEntries, tagDepth, completion, pollInterval, interruptLatency,
                coalesceThreshold, coalesceTime, a, burst, highWeight, mediumWeight, lowWeight, prios, ioTimeout,
                adminTimeout, memory);
    }

    /** The driver configuration for {@code ioQueues} queue pairs. */
    public DriverConfig driverConfig(int ioQueues) {
        int arbitrationValue = arbitration == Arbitration.WRR
                ? burst | (lowWeight - 1) << 8 | (mediumWeight - 1) << 16 | (highWeight - 1) << 24
                : (burst == 7 ? -1 : burst);
        return new DriverConfig(ioQueues, queueEntries, 32, tagDepth, completion == Completion.POLL, pollInterval,
                coalesceThreshold, (int) (coalesceTime / 100_000), arbitration == Arbitration.WRR, arbitrationValue,
                priorities.stream().map(Priority::ordinal).toList(), ioTimeout, adminTimeout, 100_000L, 5, 3);
    }
}
