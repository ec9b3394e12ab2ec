package org.sysmodels.vcpu.model.vcpu;

/**
 * How long the host lets a vCPU thread run before others get the CPU. Threads: for ever (the OS preempts invisibly).
 * Deterministic mode: a time slice of virtual time per turn, after which the thread yields, inside KVM_RUN or in the
 * VMM's own code, wherever it is.
 */
public interface HostSlice {

    HostSlice UNLIMITED = new HostSlice() {
        @Override
        public long instructionsLeft() {
            return Long.MAX_VALUE;
        }

        @Override
        public boolean expired() {
            return false;
        }
    };

    /** Guest instructions this turn may still run. */
    long instructionsLeft();

    /** True once this turn's time is used up. */
    boolean expired();
}
