package org.sysmodels.core.trace;

/**
 * A named timeline in a trace: {@code process} groups tracks (one per model component, e.g. "nvme controller") and
 * {@code thread} names the track itself (e.g. "sq1"). The ids are assigned in order of first use, so they are the same
 * in every run of the same scenario.
 */
public record Track(int pid, int tid, String process, String thread) {
}
