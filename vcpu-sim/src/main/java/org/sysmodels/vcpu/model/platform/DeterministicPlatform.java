package org.sysmodels.vcpu.model.platform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.vcpu.model.isa.Hart;
import org.sysmodels.vcpu.model.kvm.KvmVcpu;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.os.Channel;
import org.sysmodels.vcpu.model.os.Clock;
import org.sysmodels.vcpu.model.os.EventFd;
import org.sysmodels.vcpu.model.os.EventLoop;
import org.sysmodels.vcpu.model.os.Received;
import org.sysmodels.vcpu.model.os.TimerFd;
import org.sysmodels.vcpu.model.os.VcpuThread;
import org.sysmodels.vcpu.model.vcpu.HostSlice;

/**
 * The host, simulated: every "thread" (each vCPU, the VMM's event loop) is a chain of events on one sim-core
 * {@link Scheduler}, so a run is a pure function of its inputs. A vCPU thread runs in turns of one host time slice
 * ({@link Timing#sliceNs()}) of its own virtual time; it yields inside KVM_RUN or in the VMM's own code, wherever the
 * slice ends, and sleeps (no events) while it waits on its channel or sleeps in KVM_RUN, until a message or a wake-up
 * comes. The VMM thread is the caller: when it waits for a vCPU's answer ({@link Channel#recvTimeout}) the
 * simulation runs on until the answer comes or the timeout passes in virtual time; meanwhile the VMM's event-loop
 * handlers wait, as they would behind a busy thread.
 */
public final class DeterministicPlatform implements Platform {

    private final Scheduler scheduler;
    private final Timing timing;
    private final Loop loop = new Loop();
    private final List<Actor> actors = new ArrayList<>();

    public DeterministicPlatform(Scheduler scheduler, Timing timing) {
        this.scheduler = scheduler;
        this.timing = timing;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public boolean deterministic() {
        return true;
    }

    @Override
    public Clock clock() {
        return this::now;
    }

    /**
     * The calling thread's now: the scheduler's time, plus, inside a vCPU's turn, the virtual time that vCPU has
     * used so far in the turn (its device accesses happen then, not at the turn's start).
     */
    public long now() {
        Actor a = running;
        return scheduler.now() + (a == null ? 0 : Math.max(0, a.hart.nanos() - a.turnStart));
    }

    private long offset() {
        return now() - scheduler.now();
    }

    @Override
    public EventFd eventFd(String name) {
        return new Fd(name);
    }

    @Override
    public TimerFd timerFd(String name) {
        return new Timer(name);
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public <T> Channel<T> channel(String name) {
        return new Queue<>();
    }

    @Override
    public VcpuThread spawnVcpu(String name, KvmVcpu vcpu, VcpuThread.Body body) {
        Actor a = new Actor(vcpu, body);
        actors.add(a);
        vcpu.deterministic(v -> a.wake());
        a.wake();
        return a;
    }

    /**
     * Runs {@code action} as the VMM thread: event-loop handlers that become ready meanwhile wait until it is done.
     */
    public void onVmmThread(Runnable action) {
        loop.busy++;
        try {
            action.run();
        } finally {
            loop.busy--;
            loop.drainDeferred();
        }
    }

    /**
     * Hands {@code action} to the VMM thread as an API request would be: it runs now, on the VMM thread, unless the
     * VMM thread is busy with an earlier one (waiting for its vCPUs), in which case it runs right after that one.
     */
    public void post(Runnable action) {
        scheduler.after(offset(), () -> {
            if (loop.busy > 0) {
                loop.actions.addLast(action);
            } else {
                onVmmThread(action);
            }
        });
    }

    /** Runs the simulation until {@code done} holds or nothing is left to run or virtual time reaches {@code limit}. */
    public void runUntil(java.util.function.BooleanSupplier done, long limit) {
        boolean[] hit = {false};
        long deadline = scheduler.at(Math.max(limit, scheduler.now()), () -> hit[0] = true);
        while (!done.getAsBoolean() && !hit[0] && scheduler.step()) {
            // one event at a time
        }
        scheduler.cancel(deadline);
    }

    // ------------------------------------------------------------------ the pieces

    /** The VMM thread's event loop. */
    private final class Loop implements EventLoop {
        int busy;
        final ArrayDeque<Fd> deferred = new ArrayDeque<>();
        final ArrayDeque<Runnable> actions = new ArrayDeque<>();

        @Override
        public void register(EventFd fd, Runnable handler) {
            ((Fd) fd).handler = handler;
        }

        void ready(Fd fd) {
            if (busy > 0) {
                if (!fd.deferred) {
                    fd.deferred = true;
                    deferred.addLast(fd);
                }
                return;
            }
            fd.handler.run();
        }

        void drainDeferred() {
            while (busy == 0 && !actions.isEmpty()) {
                onVmmThread(actions.pollFirst());
            }
            while (busy == 0 && !deferred.isEmpty()) {
                Fd fd = deferred.pollFirst();
                fd.deferred = false;
                if (fd.count > 0) {
                    fd.handler.run();
                }
            }
        }
    }

    private class Fd implements EventFd {
        final String name;
        long count;
        Runnable handler;
        boolean dispatchPending;
        boolean deferred;

        Fd(String name) {
            this.name = name;
        }

        @Override
        public void write(long n) {
            count += n;
            if (handler != null && !dispatchPending) {
                dispatchPending = true;
                scheduler.after(offset(), () -> {
                    dispatchPending = false;
                    if (count > 0) {
                        loop.ready(this);
                    }
                });
            }
        }

        @Override
        public long read() {
            long c = count;
            count = 0;
            return c;
        }

        @Override
        public String name() {
            return name;
        }
    }

    private final class Timer extends Fd implements TimerFd {
        long armed = Scheduler.NO_EVENT;

        Timer(String name) {
            super(name);
        }

        @Override
        public void arm(long ns) {
            scheduler.cancel(armed);
            armed = scheduler.after(offset() + Math.max(0, ns), () -> {
                armed = Scheduler.NO_EVENT;
                write(1);
            });
        }
    }

    private final class Queue<T> implements Channel<T> {
        final ArrayDeque<T> messages = new ArrayDeque<>();
        boolean disconnected;
        Actor receiver;

        @Override
        public void send(T message) {
            messages.addLast(message);
            if (receiver != null) {
                receiver.wake();
            }
        }

        @Override
        public Received<T> recv() {
            bindReceiver();
            return tryRecv();
        }

        @Override
        public Received<T> tryRecv() {
            bindReceiver();
            T m = messages.pollFirst();
            if (m != null) {
                return new Received.Message<>(m);
            }
            return disconnected ? new Received.Disconnected<>() : new Received.Empty<>();
        }

        @Override
        public Received<T> recvTimeout(long timeoutNs) {
            if (messages.isEmpty() && !disconnected) {
                runUntil(() -> !messages.isEmpty(), scheduler.now() + timeoutNs);
            }
            T m = messages.pollFirst();
            if (m != null) {
                return new Received.Message<>(m);
            }
            return disconnected ? new Received.Disconnected<>() : new Received.Empty<>();
        }

        @Override
        public boolean hasMessages() {
            return !messages.isEmpty();
        }

        @Override
        public void disconnect() {
            disconnected = true;
            if (receiver != null) {
                receiver.wake();
            }
        }

        /** The vCPU actor running now is the one that receives on this channel. */
        private void bindReceiver() {
            if (receiver == null && running != null) {
                receiver = running;
            }
        }
    }

    private Actor running;

    /** A vCPU thread as a chain of scheduler events. */
    private final class Actor implements VcpuThread, HostSlice {
        final KvmVcpu vcpu;
        final Hart hart;
        final VcpuThread.Body body;
        boolean scheduled;
        boolean done;
        boolean asleepInKvm;
        boolean wokenWhileRunning;
        long sleepStartedAt;
        long sliceEnd;
        long turnStart;

        Actor(KvmVcpu vcpu, VcpuThread.Body body) {
            this.vcpu = vcpu;
            this.hart = vcpu.hart();
            this.body = body;
        }

        void wake() {
            if (done) {
                return;
            }
            if (running == this) {
                wokenWhileRunning = true;
                return;
            }
            if (!scheduled) {
                scheduled = true;
                scheduler.after(offset(), this::turn);
            }
        }

        void turn() {
            scheduled = false;
            if (done) {
                return;
            }
            if (asleepInKvm) {
                vcpu.addSleep(Math.max(0, scheduler.now() - sleepStartedAt));
                asleepInKvm = false;
            }
            wokenWhileRunning = false;
            long start = hart.nanos();
            turnStart = start;
            sliceEnd = start + timing.sliceNs();
            Actor previous = running;
            running = this;
            Turn t;
            try {
                t = body.step();
            } finally {
                running = previous;
            }
            long used = hart.nanos() - start;
            switch (t) {
                case DONE -> done = true;
                case RUNNABLE -> {
                    scheduled = true;
                    scheduler.after(Math.max(1, used), this::turn);
                }
                case BLOCKED -> {
                    if (wokenWhileRunning) {
                        // A wake-up that came during this turn (its own device raised its interrupt) is not lost.
                        scheduled = true;
                        scheduler.after(Math.max(1, used), this::turn);
                    } else if (vcpu.sleeping()) {
                        asleepInKvm = true;
                        sleepStartedAt = scheduler.now() + used;
                    }
                }
            }
        }

        @Override
        public long instructionsLeft() {
            return Math.max(0, (sliceEnd - hart.nanos()) / hart.nsPerInstruction);
        }

        @Override
        public boolean expired() {
            return hart.nanos() >= sliceEnd;
        }

        @Override
        public boolean join(long timeoutNs) {
            if (!done) {
                runUntil(() -> done, scheduler.now() + timeoutNs);
            }
            return done;
        }

        @Override
        public boolean finished() {
            return done;
        }
    }

    /** The host slice of the vCPU thread that is running now (for the vCPU's run loop). */
    public HostSlice sliceOf(VcpuThread thread) {
        return (Actor) thread;
    }
}
