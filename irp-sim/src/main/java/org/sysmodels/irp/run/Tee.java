package org.sysmodels.irp.run;

import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.IoObserver;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.ke.Kdpc;
import org.sysmodels.irp.model.ke.Processor;

/** Two observers as one: the first (the verifier, which may stop the machine) told first, then the second. */
final class Tee implements IoObserver {

    private final IoObserver a;
    private final IoObserver b;

    private Tee(IoObserver a, IoObserver b) {
        this.a = a;
        this.b = b;
    }

    static IoObserver of(IoObserver a, IoObserver b) {
        if (b == null || b == IoObserver.NONE) {
            return a;
        }
        return new Tee(a, b);
    }

    @Override
    public void onCallDriver(RoutineFrame caller, DeviceObject target, Irp irp) {
        a.onCallDriver(caller, target, irp);
        b.onCallDriver(caller, target, irp);
    }

    @Override
    public void onRoutineEnter(RoutineFrame frame) {
        a.onRoutineEnter(frame);
        b.onRoutineEnter(frame);
    }

    @Override
    public void onRoutineExit(RoutineFrame frame, int status) {
        a.onRoutineExit(frame, status);
        b.onRoutineExit(frame, status);
    }

    @Override
    public void onCompleteRequest(RoutineFrame caller, Irp irp) {
        a.onCompleteRequest(caller, irp);
        b.onCompleteRequest(caller, irp);
    }

    @Override
    public void onSetCompletionRoutine(RoutineFrame caller, Irp irp) {
        a.onSetCompletionRoutine(caller, irp);
        b.onSetCompletionRoutine(caller, irp);
    }

    @Override
    public void onSetCancelRoutine(RoutineFrame caller, Irp irp) {
        a.onSetCancelRoutine(caller, irp);
        b.onSetCancelRoutine(caller, irp);
    }

    @Override
    public void onIrpCompleted(Irp irp) {
        a.onIrpCompleted(irp);
        b.onIrpCompleted(irp);
    }

    @Override
    public void onIrpFinished(Irp irp) {
        a.onIrpFinished(irp);
        b.onIrpFinished(irp);
    }

    @Override
    public void onCancelIrp(RoutineFrame caller, Irp irp, boolean cancelRoutineCalled) {
        a.onCancelIrp(caller, irp, cancelRoutineCalled);
        b.onCancelIrp(caller, irp, cancelRoutineCalled);
    }

    @Override
    public void onIrql(Processor p, int oldIrql, int newIrql, long at) {
        a.onIrql(p, oldIrql, newIrql, at);
        b.onIrql(p, oldIrql, newIrql, at);
    }

    @Override
    public void onDpcQueued(RoutineFrame caller, Kdpc dpc, int target) {
        a.onDpcQueued(caller, dpc, target);
        b.onDpcQueued(caller, dpc, target);
    }

    @Override
    public void onBugCheck(SystemHalt halt) {
        a.onBugCheck(halt);
        b.onBugCheck(halt);
    }
}
