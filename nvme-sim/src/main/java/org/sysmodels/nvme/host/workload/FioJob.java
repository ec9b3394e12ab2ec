package org.sysmodels.nvme.host.workload;

/**
 * One fio job description, repeated {@code numjobs} times (fio HOWTO: rw, bs, iodepth, numjobs, number_ios,
 * runtime, rwmixread, rate_iops with rate_process=poisson, verify, size, and the buffer offset that fio's
 * {@code iomem_align} / misaligned buffers give).
 *
 * @param rw           the access pattern
 * @param bs           block size in bytes, a multiple of the LBA size
 * @param iodepth      requests each job keeps in flight (closed loop)
 * @param numjobs      jobs, each on its own CPU
 * @param ios          I/Os per job (0 = no limit; then runtime must be set)
 * @param runtime      virtual run time in ns (0 = no limit)
 * @param rwmixread    percentage of reads in a mixed pattern
 * @param rateIops     per-job arrival rate; > 0 makes the job open-loop with Poisson arrivals (iodepth still caps)
 * @param verify       check every read against what was last written (read-after-write integrity)
 * @param size         bytes of the namespace the job touches (0 = all of it)
 * @param bufferOffset where each I/O buffer starts in its first page, in bytes (a multiple of 4: PRP1 must be dword
 *                     aligned, NVMe 1.4 §4.3); 0 = page aligned
 */
public record FioJob(Rw rw, int bs, int iodepth, int numjobs, long ios, long runtime, int rwmixread, double rateIops,
                     boolean verify, long size, int bufferOffset) {

    public FioJob {
        if (bs <= 0 || iodepth <= 0 || numjobs <= 0) {
            throw new IllegalArgumentException("bs, iodepth and numjobs must be positive");
        }
        if (ios <= 0 && runtime <= 0) {
            throw new IllegalArgumentException("a job needs a number of I/Os or a run time");
        }
        if (bufferOffset < 0 || bufferOffset >= 4096 || bufferOffset % 4 != 0) {
            throw new IllegalArgumentException("the buffer offset is a multiple of 4 below 4096, got " + bufferOffset);
        }
    }

    public static FioJob randread(int bs, int iodepth, int numjobs, long ios) {
        return new FioJob(Rw.RANDREAD, bs, iodepth, numjobs, ios, 0, 100, 0, true, 0, 0);
    }

    public FioJob withIodepth(int depth) {
        return new FioJob(rw, bs, depth, numjobs, ios, runtime, rwmixread, rateIops, verify, size, bufferOffset);
    }

    public FioJob withRate(double iops) {
        return new FioJob(rw, bs, iodepth, numjobs, ios, runtime, rwmixread, iops, verify, size, bufferOffset);
    }

    public FioJob withVerify(boolean on) {
        return new FioJob(rw, bs, iodepth, numjobs, ios, runtime, rwmixread, rateIops, on, size, bufferOffset);
    }

    /** Host pages one I/O buffer spans. */
    public int pagesPerIo() {
        return (bufferOffset + bs + 4095) / 4096;
    }

    public String describe() {
        return "rw=" + rw.fio() + " bs=" + bs + " iodepth=" + iodepth + " numjobs=" + numjobs
                + (ios > 0 ? " number_ios=" + ios : "") + (runtime > 0 ? " runtime=" + runtime + "ns" : "")
                + (rw.mixed() ? " rwmixread=" + rwmixread : "") + (rateIops > 0 ? " rate_iops=" + rateIops : "")
                + (bufferOffset > 0 ? " buffer_offset=" + bufferOffset : "");
    }
}
