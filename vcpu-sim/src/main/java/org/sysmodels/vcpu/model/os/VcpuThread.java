package org.sysmodels.vcpu.model.os;

/** A vCPU's thread as the VMM holds it (a JoinHandle): it can be joined, and it runs the vCPU's state machine. */
public interface VcpuThread {

    /** What a turn of the thread's loop left it doing. */
    enum Turn {
        /** It can run again (it used its time slice, or has more to do). */
        RUNNABLE,
        /** It waits: for an event on its channel, or asleep in KVM_RUN until woken. */
        BLOCKED,
        /** The thread has finished. */
        DONE
    }

    /**
     * One turn of the thread's loop: the state machine's next step. Deterministic mode calls it once per scheduler
     * event; a real thread calls it in a loop (its blocking calls block) until it says {@link Turn#DONE}.
     */
    @FunctionalInterface
    interface Body {
        Turn step();
    }

    /** Waits up to {@code timeoutNs} for the thread to end; true if it ended. */
    boolean join(long timeoutNs);

    /** True once the thread has finished. */
    boolean finished();
}
