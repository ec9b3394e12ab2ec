package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.ke.KThread;
import org.sysmodels.irp.model.ke.Processor;

/**
 * IO_WORKITEM (IoAllocateWorkItem): runs a routine at PASSIVE_LEVEL in a system worker thread, which is how code at
 * DISPATCH_LEVEL (a DPC, a completion routine) gets work done that may wait or touch paged memory. A work item is
 * queued at most once at a time.
 */
public final class IoWorkItem implements Processor.Work {

    private final Kernel kernel;
    private final DeviceObject device;
    private IoWorkItemRoutine routine;
    private Object context;
    private boolean queued;

    IoWorkItem(Kernel kernel, DeviceObject device) {
        this.kernel = kernel;
        this.device = device;
    }

    public DeviceObject device() {
        return device;
    }

    public boolean queued() {
        return queued;
    }

    void queue(IoWorkItemRoutine r, Object ctx) {
        if (queued) {
            throw new IllegalStateException("IoQueueWorkItem: this work item is already queued (queue it again "
                    + "only after its routine has started)");
        }
        routine = r;
        context = ctx;
        queued = true;
        KThread worker = kernel.nextSystemWorker();
        kernel.queueThreadWork(worker, this, 0);
    }

    @Override
    public void run(Processor on, long argument) {
        queued = false;
        IoWorkItemRoutine r = routine;
        RoutineFrame f = kernel.currentFrames.enter(RoutineKind.WORK_ITEM, device.DriverObject, device, null, r,
                kernel.costs().workItem(), kernel.observed);
        kernel.observer().onRoutineEnter(f);
        r.run(device, context);
        kernel.checkHalted();
        kernel.observer().onRoutineExit(f, 0);
        kernel.currentFrames.exit(f);
    }
}
