package org.sysmodels.vcpu.host.threads;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.sysmodels.vcpu.model.kvm.KvmVcpu;
import org.sysmodels.vcpu.model.os.Channel;
import org.sysmodels.vcpu.model.os.Clock;
import org.sysmodels.vcpu.model.os.EventFd;
import org.sysmodels.vcpu.model.os.EventLoop;
import org.sysmodels.vcpu.model.platform.Platform;
import org.sysmodels.vcpu.model.os.Received;
import org.sysmodels.vcpu.model.os.TimerFd;
import org.sysmodels.vcpu.model.os.VcpuThread;

/**
 * The host with real threads, as Firecracker runs: one platform thread per vCPU ("fc_vcpu N"), the VMM thread running
 * the event loop ({@link #runLoop}), channels that block, eventfds that wake the loop, timers on a small scheduler
 * thread, and System.nanoTime() as the clock. Nothing here is deterministic: that is the point of this mode (pause
 * races with guest exits, SMP guests really race), and its tests bound every wait.
 *
 * <p>Shared accesses: an eventfd's count is an AtomicLong (add = write, getAndSet(0) = read, as eventfd(2) in
 * counter mode); its "queued on the loop" flag is a CAS so a burst of writes wakes the loop once; the loop's ready
 * queue is a LinkedBlockingQueue (its lock is the epoll_wait here, off the vCPUs' hot path).
 */
public final class ThreadPlatform implements Platform, AutoCloseable {

    private final LinkedBlockingQueue<Runnable> ready = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService timers;
    private final Loop loop = new Loop();
    private volatile boolean stopping;

    public ThreadPlatform() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "fc_timers");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        timers = t;
    }

    @Override
    public boolean deterministic() {
        return false;
    }

    @Override
    public Clock clock() {
        return System::nanoTime;
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
        return new BlockingChannel<>();
    }

    @Override
    public VcpuThread spawnVcpu(String name, KvmVcpu vcpu, VcpuThread.Body body) {
        RealThread t = new RealThread(name, body);
        t.thread.start();
        return t;
    }

    /** Queues {@code action} to run on the VMM thread (an API request handed over by the API thread). */
    public void submit(Runnable action) {
        ready.add(action);
    }

    /**
     * The VMM thread's event loop: runs ready handlers and submitted actions until {@code done} holds (checked after
     * each one and at least every {@code pollMs}).
     */
    public void runLoop(java.util.function.BooleanSupplier done, long pollMs) throws InterruptedException {
        while (!done.getAsBoolean() && !stopping) {
            Runnable r = ready.poll(pollMs, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    /** Stops {@link #runLoop} at its next wake-up. */
    public void stop() {
        stopping = true;
        ready.add(() -> { });
    }

    @Override
    public void close() {
        stop();
        timers.shutdownNow();
    }

    // ------------------------------------------------------------------ the pieces

    private final class Loop implements EventLoop {
        @Override
        public void register(EventFd fd, Runnable handler) {
            ((Fd) fd).handler = handler;
        }
    }

    private class Fd implements EventFd {
        final String name;
        final AtomicLong count = new AtomicLong();
        final AtomicBoolean queued = new AtomicBoolean();
        volatile Runnable handler;

        Fd(String name) {
            this.name = name;
        }

        @Override
        public void write(long n) {
            count.addAndGet(n);
            Runnable h = handler;
            if (h != null && queued.compareAndSet(false, true)) {
                ready.add(() -> {
                    queued.set(false);
                    if (count.get() > 0) {
                        h.run();
                    }
                });
            }
        }

        @Override
        public long read() {
            return count.getAndSet(0);
        }

        @Override
        public String name() {
            return name;
        }
    }

    private final class Timer extends Fd implements TimerFd {
        private ScheduledFuture<?> armed;

        Timer(String name) {
            super(name);
        }

        @Override
        public synchronized void arm(long ns) {
            if (armed != null) {
                armed.cancel(false);
            }
            armed = timers.schedule(() -> write(1), Math.max(0, ns), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A channel whose receiver spins for up to {@link #SPIN_NS} before it blocks. A pause or resume answer comes within
     * microseconds, and blocking first puts the receiver's core to sleep: in a virtual machine, waking it is an
     * interrupt to an idle vCPU that the host schedules, about 30 µs each on the Intel host of 4 December (a pause–resume
     * round trip blocks three times: 93 µs median), against about 1 µs for a receiver still spinning. Linux's KVM polls
     * the same way before it lets a halted vCPU sleep (halt_poll_ns). The spin reads the queue's count, which takes no
     * lock, so it does not slow the sender.
     */
    private static final class BlockingChannel<T> implements Channel<T> {
        private static final Object CLOSED = new Object();
        /** How long a receiver spins before it blocks (Linux's default halt_poll_ns is 200 µs). */
        static final long SPIN_NS = 50_000;
        private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile boolean disconnected;

        @Override
        public void send(T message) {
            queue.add(message);
        }

        /** Spins until a message is queued or {@code ns} pass: true if one is. */
        private boolean spin(long ns) {
            long deadline = System.nanoTime() + ns;
            while (queue.isEmpty()) {
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                Thread.onSpinWait();
            }
            return true;
        }

        @Override
        public Received<T> recv() {
            try {
                if (spin(SPIN_NS)) {
                    Object o = queue.poll();
                    if (o != null) {
                        return wrap(o);
                    }
                }
                return wrap(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Received.Disconnected<>();
            }
        }

        @Override
        public Received<T> tryRecv() {
            Object o = queue.poll();
            return o == null ? (disconnected ? new Received.Disconnected<>() : new Received.Empty<>()) : wrap(o);
        }

        @Override
        public Received<T> recvTimeout(long timeoutNs) {
            try {
                long start = System.nanoTime();
                if (spin(Math.min(SPIN_NS, timeoutNs))) {
                    Object o = queue.poll();
                    if (o != null) {
                        return wrap(o);
                    }
                }
                Object o = queue.poll(Math.max(0, timeoutNs - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
                return o == null ? new Received.Empty<>() : wrap(o);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Received.Empty<>();
            }
        }

        @Override
        public boolean hasMessages() {
            Object o = queue.peek();
            return o != null && o != CLOSED;
        }

        @Override
        public void disconnect() {
            disconnected = true;
            queue.add(CLOSED);
        }

        @SuppressWarnings("unchecked")
        private Received<T> wrap(Object o) {
            if (o == CLOSED) {
                queue.add(CLOSED); // stays closed for the next receive
                return new Received.Disconnected<>();
            }
            return new Received.Message<>((T) o);
        }
    }

    private static final class RealThread implements VcpuThread {
        final Thread thread;
        volatile boolean done;

        RealThread(String name, VcpuThread.Body body) {
            thread = new Thread(() -> {
                try {
                    while (body.step() != Turn.DONE) {
                        // blocking calls inside step() block this thread
                    }
                } finally {
                    done = true;
                }
            }, name);
            thread.setDaemon(true);
        }

        @Override
        public boolean join(long timeoutNs) {
            try {
                thread.join(Math.max(1, timeoutNs / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return done;
        }

        @Override
        public boolean finished() {
            return done;
        }
    }
}
