package org.sysmodels.irp.model.io;

import java.util.Map;
import org.sysmodels.irp.model.ke.DeferredRoutine;
import org.sysmodels.irp.model.ke.ServiceRoutine;

/**
 * The CPU exception of the system calling a routine pointer a driver handed it as NULL: a completion routine
 * (IoSetCompletionRoutine with an InvokeOn flag set, which the WDK's macro only ASSERTs in a checked build), a DPC's
 * DeferredRoutine, an ISR, a work item's WorkerRoutine. The processor fetches its next instruction from address 0, an
 * access violation on execute, as for a NULL dispatch table entry ({@link NullDispatchRoutine}).
 */
public final class NullRoutine extends NullPointerException {

    /** What each routine pointer is, by the interface the simulator calls it through. */
    private static final Map<String, String> POINTERS = Map.of(
            IoCompletionRoutine.class.getName(), "the CompletionRoutine given to IoSetCompletionRoutine is NULL, "
                    + "and IofCompleteRequest called it: with any InvokeOn flag TRUE the routine must be a function "
                    + "(to set none, call IoCopyCurrentIrpStackLocationToNext or IoSkipCurrentIrpStackLocation alone)",
            DeferredRoutine.class.getName(), "the DeferredRoutine given to KeInitializeDpc is NULL, and the DPC "
                    + "dispatcher called it when the DPC ran: initialize each KDPC with its routine",
            IoWorkItemRoutine.class.getName(), "the WorkerRoutine given to IoQueueWorkItem is NULL, and the system "
                    + "worker thread called it: queue the work item with its routine",
            ServiceRoutine.class.getName(), "the ServiceRoutine given to IoConnectInterrupt is NULL, and the "
                    + "interrupt dispatcher called it when the device interrupted");

    private NullRoutine(String what) {
        super(what);
    }

    /**
     * The NULL routine pointer {@code thrown} says the system called, or null when it is something else: a
     * NullPointerException raised by the simulator's own call of one of a driver's routine pointers (JEP 358's
     * message names the interface method invoked on null).
     */
    static NullRoutine of(Throwable thrown) {
        if (!(thrown instanceof NullPointerException) || thrown instanceof NullRoutine
                || thrown.getStackTrace().length == 0 || thrown.getMessage() == null
                || !thrown.getStackTrace()[0].getClassName().startsWith("org.sysmodels.irp.model.")) {
            return null;
        }
        for (Map.Entry<String, String> e : POINTERS.entrySet()) {
            if (thrown.getMessage().startsWith("Cannot invoke \"" + e.getKey() + ".")) {
                return new NullRoutine(e.getValue());
            }
        }
        return null;
    }
}
