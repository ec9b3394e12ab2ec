package org.sysmodels.vcpu.model.os;

/** A timerfd(2): an {@link EventFd} that the clock writes when the armed time has passed. */
public interface TimerFd extends EventFd {

    /** Fires once, {@code ns} from now (re-arming replaces the previous time). */
    void arm(long ns);
}
