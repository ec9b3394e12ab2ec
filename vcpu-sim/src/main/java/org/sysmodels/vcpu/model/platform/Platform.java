package org.sysmodels.vcpu.model.platform;

import org.sysmodels.vcpu.model.kvm.KvmVcpu;
import org.sysmodels.vcpu.model.os.Channel;
import org.sysmodels.vcpu.model.os.Clock;
import org.sysmodels.vcpu.model.os.EventFd;
import org.sysmodels.vcpu.model.os.EventLoop;
import org.sysmodels.vcpu.model.os.TimerFd;
import org.sysmodels.vcpu.model.os.VcpuThread;

/**
 * What the host operating system gives the VMM: threads for vCPUs, channels, eventfds, timers, a clock and an event
 * loop. Two kinds exist: deterministic (everything on sim-core's scheduler in one thread, virtual time; for tests,
 * quizzes and the tour) and threaded (one real thread per vCPU, real time; the concurrency is the lesson).
 */
public interface Platform {

    Clock clock();

    EventFd eventFd(String name);

    TimerFd timerFd(String name);

    EventLoop eventLoop();

    <T> Channel<T> channel(String name);

    /**
     * Starts a thread named {@code name} that runs {@code body}: a vCPU thread. {@code vcpu} is the KVM vCPU it will
     * run, so the platform can wake it (deterministic mode schedules it; threads unpark it).
     */
    VcpuThread spawnVcpu(String name, KvmVcpu vcpu, VcpuThread.Body body);

    /** True for the deterministic platform (one thread, virtual time). */
    boolean deterministic();
}
