package org.sysmodels.nvme.host.workload;

import org.sysmodels.core.random.RandomStream;
import org.sysmodels.nvme.host.block.Request;

/**
 * One fio job's state (fio's {@code struct thread_data}): its CPU, its random stream, its free I/O units (requests)
 * and its counters. One object per job, so the per-I/O path touches one object instead of a row of parallel arrays.
 */
final class Job {

    final int index;
    final Request[] free;
    final RandomStream random;
    int freeCount;
    int cpu;
    int inFlight;
    long issued;
    long done;
    /** Open loop: arrivals that found every I/O unit busy, to be issued as units come back. */
    long backlog;
    long latencySum;
    /** Next LBA of a sequential pattern. */
    long cursor;

    Job(int index, int depth, RandomStream random) {
        this.index = index;
        this.free = new Request[depth];
        this.random = random;
        this.cpu = index;
    }

    double meanLatency() {
        return done == 0 ? 0 : latencySum / (double) done;
    }
}
