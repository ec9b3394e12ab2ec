package org.sysmodels.irp.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.scenario.DurationDeserializer;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;
import org.sysmodels.core.time.SimTime;

/**
 * The user threads: how many, how many requests each keeps outstanding, closed loop (think time) or open (rate, per
 * second, across all threads), how many requests or for how long, and the mix. Defaults: 4 threads, iodepth 1,
 * closed with a 2 us think time, 20,000 requests, 100 ms to drain, 70% 4 KiB reads, 20% 4 KiB writes, 10%
 * IOCTL_DISK_GET_LENGTH_INFO.
 */
public record WorkloadSection(@Range(min = 1, max = 256) Integer threads, @Range(min = 1, max = 256) Integer iodepth,
                              Mode mode, @Range(min = 0, max = 1e9) Double rate, Distribution think,
                              @Range(min = 0, max = MAX_REQUESTS) Long requests,
                              @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = LONGEST_NS)
                              Long duration,
                              @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 6e10)
                              Long drain,
                              List<MixEntry> mix) {

    /** Closed loop or open arrivals. */
    public enum Mode {
        @JsonProperty("closed") CLOSED,
        @JsonProperty("open") OPEN
    }

    /** Requests a run may issue, as {@code --requests} allows; open arrivals are held to the same number. */
    public static final long MAX_REQUESTS = 100_000_000L;

    /**
     * The longest a workload issues requests: its duration, or this cut-off of virtual time without one (a run of N
     * requests that has not issued them all by then stops issuing).
     */
    public static final long LONGEST_NS = 60_000_000_000L;

    public static final WorkloadSection DEFAULT = new WorkloadSection(null, null, null, null, null, null, null, null,
            null);

    public WorkloadSection {
        threads = threads == null ? 4 : threads;
        iodepth = iodepth == null ? 1 : iodepth;
        mode = mode == null ? Mode.CLOSED : mode;
        rate = rate == null ? 0.0 : rate;
        think = think == null ? new Distribution.Fixed(2_000) : think;
        duration = duration == null ? 0L : duration;
        requests = requests == null ? (duration > 0 ? 0L : 20_000L) : requests;
        drain = drain == null ? 100_000_000L : drain;
        mix = mix == null ? List.of(new MixEntry(MixEntry.OpName.READ, 70, 4096L, null, null),
                new MixEntry(MixEntry.OpName.WRITE, 20, 4096L, null, null),
                new MixEntry(MixEntry.OpName.IOCTL, 10, 8L, null, null)) : List.copyOf(mix);
        if (mode == Mode.OPEN && rate <= 0) {
            throw new InvalidFieldException("rate", "an open workload needs a rate (requests per second)");
        }
        if (mode == Mode.OPEN && rate * (duration > 0 ? duration : LONGEST_NS) / 1e9 > MAX_REQUESTS) {
            throw new InvalidFieldException("rate", arrivals(rate, duration));
        }
        if (requests == 0 && duration == 0) {
            throw new InvalidFieldException("requests", "set a number of requests or a duration");
        }
        if (mix.isEmpty() || mix.stream().mapToInt(MixEntry::weight).sum() == 0) {
            throw new InvalidFieldException("mix", "the mix needs an entry with a positive weight");
        }
    }

    /** Why open arrivals at {@code rate} for {@code duration} (0: until the cut-off) are too many to simulate. */
    private static String arrivals(double rate, long duration) {
        String window = duration > 0 ? "for " + SimTime.format(duration) : "with no duration (the arrivals may go on "
                + "for the run's " + SimTime.format(LONGEST_NS) + " cut-off of virtual time)";
        return String.format(java.util.Locale.ROOT, "%,.0f requests/s %s is %,.0f arrivals; a run simulates at most "
                + "%,d (the --requests limit): lower the rate or give a shorter duration", rate, window,
                rate * (duration > 0 ? duration : LONGEST_NS) / 1e9, MAX_REQUESTS);
    }
}
