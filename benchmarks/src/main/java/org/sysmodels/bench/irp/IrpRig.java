package org.sysmodels.bench.irp;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.irp.check.Verifier;
import org.sysmodels.irp.host.DeviceStack;
import org.sysmodels.irp.host.drivers.RamDisk;
import org.sysmodels.irp.host.drivers.ReadPostProcessFilter;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.hal.SimulatedDevice;
import org.sysmodels.irp.model.io.FileObject;
import org.sysmodels.irp.model.io.IoService;
import org.sysmodels.irp.model.io.IoStatusBlock;
import org.sysmodels.irp.model.io.IrpMajor;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.ke.Costs;
import org.sysmodels.irp.model.ke.KThread;

/**
 * A 3-deep stack for the benchmarks: PDO ← RAM disk FDO ← upper filter with a completion routine on reads. Without a
 * controller the RAM disk completes each read in its dispatch routine (the synchronous path); with one, each read
 * pends in the cancel-safe queue and completes from the DPC after the controller's interrupt (the pended path). One
 * operation is one 512-byte read from a user thread through the system service, IoCallDriver, the filter, the FDO,
 * IoCompleteRequest's walk (one completion routine), to the I/O manager freeing the IRP. No data is copied (the
 * request carries no buffer), so the figure is the IRP path alone.
 */
final class IrpRig {

    final Scheduler scheduler = new Scheduler();
    final Kernel kernel;
    final Findings findings = new Findings();
    private final IoService service;
    private final KThread thread;
    private final FileObject file;
    private final DeviceStack stack;
    private final IoService.Request request = new IoService.Request().set(IrpMajor.IRP_MJ_READ, 512, 4096);
    private final IoStatusBlock iosb = new IoStatusBlock();
    private final Runnable issue;
    private final Runnable batch;
    private final boolean hardware;
    private int batchSize;
    private long completed;
    private int lastStatus;

    IrpRig(boolean verifier, boolean hardware) {
        kernel = new Kernel(scheduler, 1, Costs.defaults());
        if (verifier) {
            kernel.setObserver(new Verifier(kernel, findings));
        }
        SimulatedDevice hw = hardware ? new SimulatedDevice(kernel, "controller", new Distribution.Fixed(0),
                new RandomStream(1), 1) : null;
        stack = DeviceStack.on(kernel).function("RamDisk", new RamDisk(1 << 16))
                .upper("ReadPostProcess", new ReadPostProcessFilter()).hardware(hw).build();
        service = new IoService(kernel);
        thread = kernel.createThread("bench", 0);
        file = new FileObject("bench handle", kernel.newFileAddress());
        kernel.io().completion().setFinishListener(irp -> completed++);
        issue = () -> lastStatus = service.issue(thread, file, stack.top(), request, true, iosb, null);
        batch = () -> {
            for (int i = 0; i < batchSize; i++) {
                lastStatus = service.issue(thread, file, stack.top(), request, true, iosb, null);
            }
        };
        this.hardware = hardware;
    }

    /**
     * Issues {@code n} reads one after the other, each run to its end: synchronous reads in one stretch of the
     * thread's time, pended ones each followed by the machine running until the read has finished.
     */
    void reads(int n) {
        if (hardware) {
            for (int i = 0; i < n; i++) {
                kernel.runThread(thread, issue);
                if (lastStatus == NtStatus.STATUS_PENDING) {
                    scheduler.run();
                }
            }
        } else {
            batchSize = n;
            kernel.runThread(thread, batch);
        }
        if (findings.violations() > 0) {
            throw new IllegalStateException("the verifier found " + findings.list());
        }
    }

    long completed() {
        return completed;
    }

    int stackSize() {
        return stack.top().StackSize();
    }
}
