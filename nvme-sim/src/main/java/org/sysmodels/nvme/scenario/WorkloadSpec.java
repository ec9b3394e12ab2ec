package org.sysmodels.nvme.scenario;

import org.sysmodels.core.scenario.SizeDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;
import org.sysmodels.core.scenario.DurationDeserializer;
import org.sysmodels.nvme.host.workload.FioJob;
import org.sysmodels.nvme.host.workload.Rw;

/**
 * The fio job of a scenario; fields as in fio. Defaults: {@code rw=randread bs=4k iodepth=32 numjobs=1}, 100,000
 * I/Os per job, verify on, page-aligned buffers ({@code bufferOffset} puts each buffer that many bytes into its first
 * page, so PRP1 carries an offset). A run is bounded up front ({@link #MAX_IOS}, {@link #MAX_RUNTIME}) so that
 * every accepted run ends, and ends correctly, in minutes at most.
 */
public record WorkloadSpec(
        Rw rw,
        @JsonDeserialize(using = SizeDeserializer.class) @Range(min = 512, max = 1 << 20) Long bs,
        @Range(min = 1, max = 65536) Integer iodepth,
        @Range(min = 1, max = 1024) Integer numjobs,
        @Range(min = 0, max = MAX_IOS) Long ios,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = MAX_RUNTIME) Long runtime,
        @Range(min = 0, max = 100) Integer rwmixread,
        @Range(min = 0, max = 1e9) Double rate,
        Boolean verify,
        @JsonDeserialize(using = SizeDeserializer.class) @Range(min = 0, max = 1L << 44) Long size,
        @Range(min = 0, max = 4092) Integer bufferOffset) {

    /** The most I/Os per job a run may ask for: 100 M, about a minute of CPU with every check on. */
    public static final long MAX_IOS = 100_000_000L;
    /** The longest virtual run time a run may ask for: 100 s (tens of millions of I/Os at this device's rates). */
    public static final long MAX_RUNTIME = 100_000_000_000L;

    public static final WorkloadSpec DEFAULT = new WorkloadSpec(null, null, null, null, null, null, null, null, null,
            null, null);

    public WorkloadSpec {
        rw = rw == null ? Rw.RANDREAD : rw;
        bs = bs == null ? 4096L : bs;
        iodepth = iodepth == null ? 32 : iodepth;
        numjobs = numjobs == null ? 1 : numjobs;
        runtime = runtime == null ? 0L : runtime;
        ios = ios == null ? (runtime > 0 ? 0L : 100_000L) : ios;
        rwmixread = rwmixread == null ? 50 : rwmixread;
        rate = rate == null ? 0.0 : rate;
        verify = verify == null || verify;
        size = size == null ? 0L : size;
        bufferOffset = bufferOffset == null ? 0 : bufferOffset;
        if (bufferOffset % 4 != 0) {
            throw new InvalidFieldException("bufferOffset", "must be a multiple of 4 (PRP1 is dword aligned), got "
                    + bufferOffset);
        }
        if (bs % 512 != 0) {
            throw new InvalidFieldException("bs", "must be a multiple of 512 bytes, got " + bs);
        }
        if (size > 0 && size < bs) {
            // fio init.c fixup_options: "size too small, must not be less than minimum block size"
            throw new InvalidFieldException("size", "must not be less than bs (" + bs + " bytes), got " + size
                    + ", as fio says: \"size too small, must not be less than minimum block size\"");
        }
        if (ios == 0 && runtime == 0) {
            throw new InvalidFieldException("ios", "set a number of I/Os per job (ios) or a run time (runtime)");
        }
    }

    public WorkloadSpec with(Rw r, Long blockSize, Integer depth, Integer jobs, Long count, Long time, Integer mix) {
        return new WorkloadSpec(r != null ? r : rw, blockSize != null ? blockSize : bs, depth != null ? depth : iodepth,
                jobs != null ? jobs : numjobs, count != null ? count : (time != null ? 0L : ios),
                time != null ? time : runtime, mix != null ? mix : rwmixread, rate, verify, size, bufferOffset);
    }

    public WorkloadSpec withIodepth(int depth) {
        return new WorkloadSpec(rw, bs, depth, numjobs, ios, runtime, rwmixread, rate, verify, size, bufferOffset);
    }

    public WorkloadSpec withRate(double iops) {
        return new WorkloadSpec(rw, bs, iodepth, numjobs, ios, runtime, rwmixread, iops, verify, size, bufferOffset);
    }

    public WorkloadSpec withIos(long n) {
        return new WorkloadSpec(rw, bs, iodepth, numjobs, n, 0L, rwmixread, rate, verify, size, bufferOffset);
    }

    public WorkloadSpec withVerify(boolean on) {
        return new WorkloadSpec(rw, bs, iodepth, numjobs, ios, runtime, rwmixread, rate, on, size, bufferOffset);
    }

    public WorkloadSpec withBufferOffset(int bytes) {
        return new WorkloadSpec(rw, bs, iodepth, numjobs, ios, runtime, rwmixread, rate, verify, size, bytes);
    }

    public FioJob job() {
        return new FioJob(rw, (int) (long) bs, iodepth, numjobs, ios, runtime, rwmixread, rate, verify, size,
                bufferOffset);
    }
}
