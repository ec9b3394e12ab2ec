package org.sysmodels.irp.model.ke;

/** KDEFERRED_ROUTINE: a DPC's routine, run at DISPATCH_LEVEL on the processor the DPC was queued to. */
@FunctionalInterface
public interface DeferredRoutine {
    void run(Kdpc dpc, Object deferredContext, Object systemArgument1, Object systemArgument2);
}
