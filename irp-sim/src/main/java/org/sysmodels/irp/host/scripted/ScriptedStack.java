package org.sysmodels.irp.host.scripted;

import java.util.List;
import org.sysmodels.irp.host.DeviceStack;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.io.FileObject;
import org.sysmodels.irp.model.io.IoService;
import org.sysmodels.irp.model.io.IoStatusBlock;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.IrpMajor;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.ke.KThread;

/**
 * A stack of {@link ScriptedDriver}s on the root bus (level 1 is the function driver, the others upper filters) and
 * a user thread that sends it one read at a time, optionally cancelling it with CancelIoEx from another processor.
 */
public final class ScriptedStack {

    /** What happened to one read. */
    public static final class Read implements IoService.Requester {
        public int returned;
        public final IoStatusBlock iosb = new IoStatusBlock();
        public Irp irp;
        public int generation;
        public boolean cancelCalled;
        public boolean cancelRoutineCalled;

        @Override
        public void issued(Irp i) {
            irp = i;
            generation = i.generation();
        }

        /** True once the I/O manager finished the request (the IRP went back to the lookaside list). */
        public boolean finished() {
            return irp != null && (!irp.inUse() || irp.generation() != generation);
        }
    }

    private final Kernel kernel;
    private final DeviceStack stack;
    private final IoService service;
    private final KThread user;
    private final KThread canceller;
    private final FileObject file;

    /** @param topDown the behaviours, the top of the stack first */
    public ScriptedStack(Kernel kernel, List<Behavior> topDown, ScriptedDriver.Log log) {
        this.kernel = kernel;
        int n = topDown.size();
        int cpus = kernel.processorCount();
        DeviceStack.Builder b = DeviceStack.on(kernel);
        b.function("Level1", new ScriptedDriver(1, topDown.get(n - 1), log, 1 % cpus));
        for (int level = 2; level <= n; level++) {
            b.upper("Level" + level, new ScriptedDriver(level, topDown.get(n - level), log, level % cpus));
        }
        this.stack = b.build();
        this.service = new IoService(kernel);
        this.user = kernel.createThread("user", 0);
        this.canceller = kernel.createThread("canceller", cpus > 1 ? cpus - 1 : 0);
        this.file = new FileObject("scripted handle", kernel.newFileAddress());
    }

    public DeviceStack stack() {
        return stack;
    }

    /**
     * Issues one read now (synchronously, in the user thread); if {@code cancelAtNs} ≥ 0, CancelIoEx runs that much
     * later on another processor. Run the scheduler to let it finish.
     */
    public Read read(long cancelAtNs) {
        Read r = new Read();
        kernel.runThread(user, () -> {
            IoService.Request req = new IoService.Request().set(IrpMajor.IRP_MJ_READ, 512, 0);
            r.returned = service.issue(user, file, stack.top(), req, true, r.iosb, r);
        });
        if (cancelAtNs >= 0) {
            kernel.scheduler().at(kernel.scheduler().now() + cancelAtNs, () -> kernel.queueThreadWork(canceller,
                    (p, a) -> {
                        if (!r.finished()) {
                            r.cancelCalled = true;
                            r.cancelRoutineCalled = service.cancel(r.irp);
                        }
                    }, 0));
        }
        return r;
    }

    /** "STATUS_PENDING" or the status. */
    public static String status(int s) {
        return NtStatus.name(s);
    }
}
