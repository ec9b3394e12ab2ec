package org.sysmodels.vcpu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.sysmodels.core.scenario.DurationDeserializer;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;

/**
 * A microVM run. In a file, every field optional:
 * <pre>{@code {"guest": "count", "bootArgs": "count=100000", "vcpus": 1, "memMib": 128, "mode": "deterministic",
 *  "runFor": "1s", "actions": [{"at": "2ms", "do": "pause"}, {"at": "2ms", "do": "snapshot", "type": "full"},
 *  {"at": "2ms", "do": "resume"}]}}</pre>
 *
 * @param guest           a packaged guest's name, or an ELF file's path
 * @param bootArgs        the boot arguments (boot-source boot_args); default: the guest's
 * @param vcpus           machine-config vcpu_count; default: the guest's
 * @param memMib          machine-config mem_size_mib
 * @param trackDirtyPages machine-config track_dirty_pages
 * @param mode            deterministic (virtual time, one thread) or threaded (one thread per vCPU, real time)
 * @param runFor          how long the microVM may run before the run stops it (virtual time, or real time threaded)
 * @param slice           the host scheduler's time slice (deterministic mode)
 * @param exitCost        virtual time of one exit to the VMM and back (deterministic mode; an assumption)
 * @param drive           a drive for the guest (blk needs one)
 * @param actions         what the VMM is asked to do, and when
 * @param experiment      instead of one run: "boot-timeline" or "creation-rate"
 * @param count           microVMs for the creation-rate experiment
 */
public record VcpuScenario(
        String guest,
        String bootArgs,
        @Range(min = 1, max = 32) Integer vcpus,
        @Range(min = 1, max = 16384) Long memMib,
        Boolean trackDirtyPages,
        Mode mode,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1000, max = 3.6e12) Long runFor,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 100, max = 1e9) Long slice,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e9) Long exitCost,
        Drive drive,
        List<Action> actions,
        Experiment experiment,
        @Range(min = 1, max = 1_000_000) Integer count) {

    public static final VcpuScenario DEFAULT = new VcpuScenario(null, null, null, null, null, null, null, null, null,
            null, null, null, null);

    /** How the vCPUs run. */
    public enum Mode {
        DETERMINISTIC,
        THREADED
    }

    /** A run that is not one microVM. */
    public enum Experiment {
        NONE,
        @JsonProperty("boot-timeline") BOOT_TIMELINE,
        @JsonProperty("creation-rate") CREATION_RATE
    }

    public VcpuScenario {
        guest = guest == null ? "hello" : guest;
        if (guest.isBlank()) {
            throw new InvalidFieldException("guest", "an empty name: give a packaged guest's name (see `sim list`) "
                    + "or an ELF file's path");
        }
        memMib = memMib == null ? 128L : memMib;
        trackDirtyPages = trackDirtyPages != null && trackDirtyPages;
        mode = mode == null ? Mode.DETERMINISTIC : mode;
        runFor = runFor == null ? 10_000_000_000L : runFor;
        slice = slice == null ? 50_000L : slice;
        exitCost = exitCost == null ? 2_000L : exitCost;
        actions = actions == null ? List.of() : List.copyOf(actions);
        experiment = experiment == null ? Experiment.NONE : experiment;
        count = count == null ? 1000 : count;
    }

    public VcpuScenario withGuest(String g, String args) {
        return new VcpuScenario(g, args, vcpus, memMib, trackDirtyPages, mode, runFor, slice, exitCost, drive, actions,
                experiment, count);
    }

    public VcpuScenario withVcpus(Integer n) {
        return new VcpuScenario(guest, bootArgs, n, memMib, trackDirtyPages, mode, runFor, slice, exitCost, drive,
                actions, experiment, count);
    }

    public VcpuScenario withMemMib(Long mib) {
        return new VcpuScenario(guest, bootArgs, vcpus, mib, trackDirtyPages, mode, runFor, slice, exitCost, drive,
                actions, experiment, count);
    }

    public VcpuScenario withMode(Mode m) {
        return new VcpuScenario(guest, bootArgs, vcpus, memMib, trackDirtyPages, m, runFor, slice, exitCost, drive,
                actions, experiment, count);
    }

    public VcpuScenario withRunFor(Long ns) {
        return new VcpuScenario(guest, bootArgs, vcpus, memMib, trackDirtyPages, mode, ns, slice, exitCost, drive,
                actions, experiment, count);
    }

    public VcpuScenario withDrive(Drive d) {
        return new VcpuScenario(guest, bootArgs, vcpus, memMib, trackDirtyPages, mode, runFor, slice, exitCost, d,
                actions, experiment, count);
    }

    public VcpuScenario withActions(List<Action> a) {
        return new VcpuScenario(guest, bootArgs, vcpus, memMib, trackDirtyPages, mode, runFor, slice, exitCost, drive,
                a, experiment, count);
    }

    public VcpuScenario withTrackDirtyPages(boolean on) {
        return new VcpuScenario(guest, bootArgs, vcpus, memMib, on, mode, runFor, slice, exitCost, drive, actions,
                experiment, count);
    }

    public VcpuScenario withSlice(Long ns) {
        return new VcpuScenario(guest, bootArgs, vcpus, memMib, trackDirtyPages, mode, runFor, ns, exitCost, drive,
                actions, experiment, count);
    }

    /**
     * A drive (PUT /drives/{id}): a disk of {@code sizeKib} KiB in memory whose sector 0 starts with {@code text}, or
     * the file {@code path}; its I/O engine; its rate limiter's buckets.
     */
    public record Drive(
            String path,
            @Range(min = 1, max = 1_048_576) Long sizeKib,
            String text,
            Boolean readOnly,
            Engine engine,
            @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e10) Long asyncLatency,
            Bucket ops,
            Bucket bandwidth) {

        public Drive {
            sizeKib = sizeKib == null ? 64L : sizeKib;
            text = text == null ? "sysmodels test disk: sector 0\n" : text;
            if (path == null && text.length() > sizeKib * 1024) {
                throw new InvalidFieldException("text", text.length() + " characters do not fit a disk of " + sizeKib
                        + " KiB (" + sizeKib * 1024 + " bytes); make sizeKib larger or the text shorter");
            }
            readOnly = readOnly != null && readOnly;
            engine = engine == null ? Engine.SYNC : engine;
            asyncLatency = asyncLatency == null ? 100_000L : asyncLatency;
        }

        public static final Drive DEFAULT = new Drive(null, null, null, null, null, null, null, null);

        /**
         * The same drive backed by the file at {@code hostPath}: only path_on_host changes, as it is one field of
         * Firecracker's drive config beside the rate limiter and io_engine (swagger.yaml, Drive).
         */
        public Drive withPath(String hostPath) {
            return new Drive(hostPath, sizeKib, text, readOnly, engine, asyncLatency, ops, bandwidth);
        }
    }

    /** Firecracker's io_engine. */
    public enum Engine {
        SYNC,
        ASYNC
    }

    /** A token bucket: size, one_time_burst, refill_time (a duration, whole milliseconds). */
    public record Bucket(
            @Range(min = 1, max = 1e15) Long size,
            @Range(min = 0, max = 1e15) Long oneTimeBurst,
            @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1_000_000, max = 3.6e12) Long refillTime) {

        public Bucket {
            size = size == null ? 1L : size;
            oneTimeBurst = oneTimeBurst == null ? 0L : oneTimeBurst;
            refillTime = refillTime == null ? 1_000_000_000L : refillTime;
        }
    }

    /**
     * Something the VMM is asked to do ({@code do}), at a time ({@code at}) or when something happens ({@code on}).
     * A snapshot is checked afterwards: restored into a fresh VMM and run on, it must end as this run ends.
     */
    public record Action(
            @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 3.6e12) Long at,
            Trigger on,
            @JsonProperty("do") What what,
            SnapshotType type) {

        public Action {
            if ((at == null) == (on == null)) {
                throw new InvalidFieldException("at", "give either \"at\" (a time) or \"on\" (booted, "
                        + "write-in-flight), not " + (at == null ? "neither" : "both"));
            }
            if (what == null) {
                throw new InvalidFieldException("do", "missing: what to do (pause, resume, snapshot, "
                        + "dump-cpu-config)");
            }
            type = type == null ? SnapshotType.FULL : type;
        }

        /** An action at a time. */
        public static Action at(long ns, What what) {
            return new Action(ns, null, what, null);
        }

        public static Action snapshotAt(long ns, SnapshotType type) {
            return new Action(ns, null, What.SNAPSHOT, type);
        }
    }

    /** What an action does. */
    public enum What {
        PAUSE,
        RESUME,
        SNAPSHOT,
        @JsonProperty("dump-cpu-config") DUMP_CPU_CONFIG
    }

    /** Firecracker's snapshot_type. */
    public enum SnapshotType {
        FULL,
        DIFF
    }

    /** An event an action can wait for instead of a time. */
    public enum Trigger {
        /** The guest wrote the boot timer's magic value. */
        BOOTED,
        /** A block write is in flight in the async engine. */
        @JsonProperty("write-in-flight") WRITE_IN_FLIGHT
    }
}
