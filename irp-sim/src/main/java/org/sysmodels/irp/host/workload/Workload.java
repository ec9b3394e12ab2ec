package org.sysmodels.irp.host.workload;

import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.sched.Action;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.FileObject;
import org.sysmodels.irp.model.io.IoService;
import org.sysmodels.irp.model.io.IoStatusBlock;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.IrpMajor;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.ke.KThread;
import org.sysmodels.irp.model.ke.Processor;

/**
 * User threads issuing requests to the top of a device stack through the system services, as a program would:
 * each thread opens a handle (IRP_MJ_CREATE), keeps up to {@code iodepth} requests outstanding (closed loop with a
 * think time, or open-loop arrivals with a backlog), and cancels some of them as the {@link CancelPlan} says. Every
 * request's latency runs from its arrival to the I/O manager finishing it. Events carry slot numbers, not objects, so
 * a steady workload allocates nothing.
 */
public final class Workload {

    /** Open-loop arrivals a thread holds while all its slots are busy; further ones are dropped and counted. */
    private static final int BACKLOG = 1024;

    /** One request slot: a thread's buffer, status block and the request in it. */
    private final class Slot implements IoService.Requester {
        final int id;
        final User user;
        final IoService.Request request = new IoService.Request();
        final IoStatusBlock iosb = new IoStatusBlock();
        final byte[] buffer;
        Irp irp;
        int generation;
        long serial;
        long arrivedAt;
        boolean busy;
        boolean pended;
        Op op;

        Slot(int id, User user, int bufferSize) {
            this.id = id;
            this.user = user;
            this.buffer = bufferSize > 0 ? new byte[bufferSize] : null;
        }

        @Override
        public void issued(Irp i) {
            irp = i;
            generation = i.generation();
        }
    }

    /** One user thread, its handle, and the thread that closes the handle for it. */
    private final class User {
        final KThread thread;
        final KThread other;
        final RandomStream random;
        final long[] backlog;
        FileObject file;
        int backlogHead;
        int backlogCount;

        User(int index, KThread thread, KThread other, RandomStream random) {
            this.thread = thread;
            this.other = other;
            this.random = random;
            this.backlog = new long[BACKLOG];
            this.file = newFile(index);
        }
    }

    private final Kernel kernel;
    private final IoService service;
    private final DeviceObject top;
    private final WorkloadSpec spec;
    private final WorkloadListener listener;
    private final RandomStream cancelRandom;
    private final long diskSize;
    private final User[] users;
    private final Slot[] slots;
    private final Processor.Work issueWork = this::issueOnThread;
    private final Processor.Work cancelWork = this::cancelOnThread;
    private final Processor.Work createWork = this::createOnThread;
    private final Action issueEvent = this::queueIssue;
    private final Action cancelEvent = this::queueCancel;
    private final Action arrivalEvent = this::arrival;
    private final Action stopEvent = arg -> stopped = true;
    private long issued;
    private long finished;
    private long pended;
    private long dropped;
    private int files;
    private boolean stopped;
    private Runnable onIdle = () -> { };

    /** @param diskSize the device's size in bytes: transfers fall inside it */
    public Workload(Kernel kernel, DeviceObject top, long diskSize, WorkloadSpec spec, RandomStreams random,
                    WorkloadListener listener) {
        this.kernel = kernel;
        this.diskSize = diskSize;
        this.service = new IoService(kernel);
        this.top = top;
        this.spec = spec;
        this.listener = listener;
        this.cancelRandom = random.stream("workload.cancel");
        int n = kernel.processorCount();
        this.users = new User[spec.threads()];
        this.slots = new Slot[spec.threads() * spec.iodepth()];
        int bufferSize = spec.mix().maxSize();
        for (int u = 0; u < spec.threads(); u++) {
            KThread t = kernel.createThread("user thread " + u, u % n);
            KThread other = kernel.createThread("user thread " + u + " (canceller)", (u + 1) % n);
            users[u] = new User(u, t, other, random.stream("workload.thread" + u));
            for (int d = 0; d < spec.iodepth(); d++) {
                int id = u * spec.iodepth() + d;
                slots[id] = new Slot(id, users[u], bufferSize);
            }
        }
        kernel.io().completion().setFinishListener(this::onFinished);
    }

    private FileObject newFile(int user) {
        return new FileObject("\\Device\\RamDisk0 handle " + files++ + " (user thread " + user + ")",
                kernel.newFileAddress());
    }

    /** Opens every thread's handle and schedules the first requests. */
    public void start() {
        long now = kernel.scheduler().now();
        for (int u = 0; u < users.length; u++) {
            kernel.queueThreadWork(users[u].thread, createWork, u);
        }
        if (spec.open()) {
            for (int u = 0; u < users.length; u++) {
                scheduleArrival(u);
            }
        } else {
            for (Slot s : slots) {
                kernel.scheduler().at(now + Math.max(1, spec.think().sample(s.user.random)), issueEvent, s.id);
            }
        }
        if (spec.durationNs() > 0) {
            kernel.scheduler().at(now + spec.durationNs(), stopEvent, 0);
        }
    }

    /** Called when the workload has issued everything it will and every request has finished. */
    public void onIdle(Runnable r) {
        onIdle = r;
    }

    /** No new requests from now on. */
    public void stop() {
        stopped = true;
    }

    public boolean stopped() {
        return stopped;
    }

    public long issued() {
        return issued;
    }

    public long finished() {
        return finished;
    }

    /** Requests for which IoCallDriver returned STATUS_PENDING. */
    public long pended() {
        return pended;
    }

    /** Open-loop arrivals dropped because their thread's backlog was full. */
    public long dropped() {
        return dropped;
    }

    /** Open-loop arrivals still waiting in their threads' backlogs: none of them was issued. */
    public long waiting() {
        long n = 0;
        for (User u : users) {
            n += u.backlogCount;
        }
        return n;
    }

    /** How many arrivals one thread keeps waiting for a free slot before it drops further ones. */
    public static int backlogCapacity() {
        return BACKLOG;
    }

    /** Requests issued and not finished. */
    public long outstanding() {
        return issued - finished;
    }

    public WorkloadSpec spec() {
        return spec;
    }

    private boolean mayIssue() {
        return !stopped && (spec.requests() <= 0 || issued < spec.requests());
    }

    private void createOnThread(Processor on, long user) {
        User u = users[(int) user];
        IoService.Request r = new IoService.Request().set(IrpMajor.IRP_MJ_CREATE, 0, 0);
        service.issue(u.thread, u.file, top, r, true, new IoStatusBlock(), null);
    }

    private void queueIssue(long slot) {
        Slot s = slots[(int) slot];
        if (s.arrivedAt == 0 || !spec.open()) {
            s.arrivedAt = kernel.scheduler().now();
        }
        kernel.queueThreadWork(s.user.thread, issueWork, slot);
    }

    private void issueOnThread(Processor on, long slot) {
        Slot s = slots[(int) slot];
        if (!mayIssue()) {
            return;
        }
        User u = s.user;
        RequestMix.Entry e = spec.mix().pick(u.random);
        IoService.Request r = s.request;
        long max = Math.max(1, diskSize - e.size());
        long offset = (u.random.nextLong(max) / 512) * 512;
        r.set(e.op().major(), e.size(), offset);
        r.buffer = s.buffer;
        if (e.op() == Op.IOCTL) {
            r.ioControlCode = e.ioControlCode();
            r.inputLength = e.inputLength();
            r.outputLength = e.size();
        }
        s.op = e.op();
        s.busy = true;
        s.serial++;
        issued++;
        listener.started(s.op, e.op().major(), kernel.now());
        int status = service.issue(u.thread, u.file, top, r, spec.synchronous(), s.iosb, s);
        s.pended = status == NtStatus.STATUS_PENDING;
        if (s.pended) {
            pended++;
        }
        listener.issued(s.op, e.op().major(), s.pended, kernel.now());
        if (s.busy && spec.cancel().probability() > 0 && cancelRandom.chance(spec.cancel().probability())) {
            long delay = spec.cancel().after().sample(cancelRandom);
            kernel.scheduler().at(kernel.now() + delay, cancelEvent, slot | (s.serial << 24));
        }
    }

    private void onFinished(Irp irp) {
        if (!(irp.requester() instanceof Slot s) || !s.busy || s.irp != irp) {
            return;
        }
        s.busy = false;
        s.irp = null;
        finished++;
        long now = kernel.now();
        listener.finished(s.op, s.op.major(), irp.IoStatus.Status, now - s.arrivedAt, irp.cancelRequested(),
                s.pended, now);
        s.arrivedAt = 0;
        if (spec.open()) {
            User u = s.user;
            if (u.backlogCount > 0 && mayIssue()) {
                s.arrivedAt = u.backlog[u.backlogHead];
                u.backlogHead = (u.backlogHead + 1) % u.backlog.length;
                u.backlogCount--;
                kernel.scheduler().at(now, issueEvent, s.id);
            }
        } else if (mayIssue()) {
            kernel.scheduler().at(now + spec.think().sample(s.user.random), issueEvent, s.id);
        }
        if (!mayIssue() && outstanding() == 0) {
            onIdle.run();
        }
    }

    private void scheduleArrival(int user) {
        double perThread = spec.ratePerSecond() / users.length;
        long gap = Math.max(1, Math.round(users[user].random.exponential(1e9 / perThread)));
        kernel.scheduler().at(kernel.scheduler().now() + gap, arrivalEvent, user);
    }

    private void arrival(long user) {
        if (!mayIssue()) {
            return;
        }
        User u = users[(int) user];
        long now = kernel.scheduler().now();
        Slot free = null;
        for (int d = 0; d < spec.iodepth(); d++) {
            Slot s = slots[(int) user * spec.iodepth() + d];
            if (!s.busy && s.arrivedAt == 0) {
                free = s;
                break;
            }
        }
        if (free != null) {
            free.arrivedAt = now;
            queueIssue(free.id);
        } else if (u.backlogCount < u.backlog.length) {
            u.backlog[(u.backlogHead + u.backlogCount) % u.backlog.length] = now;
            u.backlogCount++;
        } else {
            dropped++;
        }
        scheduleArrival((int) user);
    }

    private void queueCancel(long arg) {
        Slot s = slots[(int) (arg & 0xffffff)];
        if (!s.busy || s.serial != (arg >>> 24)) {
            return;
        }
        if (spec.cancel().kind() == CancelPlan.Kind.THREAD_EXIT) {
            kernel.queueApc(s.user.thread, cancelWork, arg);
        } else {
            kernel.queueThreadWork(s.user.other, cancelWork, arg);
        }
    }

    private void cancelOnThread(Processor on, long arg) {
        Slot s = slots[(int) (arg & 0xffffff)];
        if (!s.busy || s.serial != (arg >>> 24) || s.irp == null || s.irp.generation() != s.generation) {
            return;
        }
        long now = kernel.now();
        switch (spec.cancel().kind()) {
            case CANCEL_IO -> listener.cancelAttempted(CancelPlan.Kind.CANCEL_IO, service.cancel(s.irp), now);
            case THREAD_EXIT -> {
                int n = kernel.io().cancel().IoCancelThreadIo(s.user.thread);
                listener.cancelAttempted(CancelPlan.Kind.THREAD_EXIT, n > 0, now);
            }
            case CLOSE_HANDLE -> {
                User u = s.user;
                FileObject closing = u.file;
                u.file = newFile(s.id);
                service.cleanup(u.other, closing, top, new IoStatusBlock(), null);
                IoService.Request close = new IoService.Request().set(IrpMajor.IRP_MJ_CLOSE, 0, 0);
                service.issue(u.other, closing, top, close, true, new IoStatusBlock(), null);
                IoService.Request create = new IoService.Request().set(IrpMajor.IRP_MJ_CREATE, 0, 0);
                service.issue(u.other, u.file, top, create, true, new IoStatusBlock(), null);
                listener.cancelAttempted(CancelPlan.Kind.CLOSE_HANDLE, true, now);
            }
        }
    }
}
