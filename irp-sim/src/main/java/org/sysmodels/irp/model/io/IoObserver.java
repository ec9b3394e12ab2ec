package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.ke.Kdpc;
import org.sysmodels.irp.model.ke.Processor;

/**
 * What the I/O manager and the kernel report as they run: the verifier's checks, the trace and the metrics each
 * observe the events they need. Every method has an empty default, and a kernel without observers calls
 * {@link #NONE}, which costs nothing once the JIT has seen it.
 */
public interface IoObserver {

    /** Observes nothing. */
    IoObserver NONE = new IoObserver() {
    };

    /** IoCallDriver was called by {@code caller} (null outside any routine), before CurrentLocation moves. */
    default void onCallDriver(RoutineFrame caller, DeviceObject target, Irp irp) {
    }

    /** A routine was entered: its frame is on the processor's stack, its cost spent. */
    default void onRoutineEnter(RoutineFrame frame) {
    }

    /** A routine returned {@code status} (the NTSTATUS of a dispatch or completion routine; 0 for the others). */
    default void onRoutineExit(RoutineFrame frame, int status) {
    }

    /** IoCompleteRequest was called on {@code irp} by {@code caller}, before the I/O manager looks at the IRP. */
    default void onCompleteRequest(RoutineFrame caller, Irp irp) {
    }

    /** IoSetCompletionRoutine(Ex) was called by {@code caller}, before the next location is written. */
    default void onSetCompletionRoutine(RoutineFrame caller, Irp irp) {
    }

    /** IoCompleteRequest's walk reached the top: the IRP is complete (before the completion APC). */
    default void onIrpCompleted(Irp irp) {
    }

    /** The I/O manager finished the request (IopCompleteRequest: status copied to the caller, IRP freed next). */
    default void onIrpFinished(Irp irp) {
    }

    /** IoSetCancelRoutine armed {@code irp} with a cancel routine, called by {@code caller}. */
    default void onSetCancelRoutine(RoutineFrame caller, Irp irp) {
    }

    /** IoCancelIrp ran on {@code irp}: whether a cancel routine was called. */
    default void onCancelIrp(RoutineFrame caller, Irp irp, boolean cancelRoutineCalled) {
    }

    /** A processor's IRQL changed. */
    default void onIrql(Processor p, int oldIrql, int newIrql, long at) {
    }

    /** A DPC was queued on processor {@code target}. */
    default void onDpcQueued(RoutineFrame caller, Kdpc dpc, int target) {
    }

    /** The machine stopped: a bug check the kernel raised itself (a check raising one has reported it already). */
    default void onBugCheck(SystemHalt halt) {
    }
}
