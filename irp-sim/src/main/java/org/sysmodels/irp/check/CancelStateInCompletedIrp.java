package org.sysmodels.irp.check;

import java.util.IdentityHashMap;
import java.util.Map;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;

/**
 * Bug check 0x48: IoCancelIrp found a cancel routine on an IRP that has already completed. The bug check names the IRP
 * and the routine; the report also names who armed it (the last IoSetCancelRoutine with a routine on that packet),
 * when, and whether the IRP had completed by then, which a debugger would find only in the driver's own history.
 */
public final class CancelStateInCompletedIrp extends VerifierCheck {

    /**
     * The last arming of a cancel routine on each packet, kept per packet and overwritten in place: packets come back
     * from the lookaside lists, so a steady workload (every pended read arms one) allocates nothing here.
     */
    private final Map<Irp, Armed> armedBy = new IdentityHashMap<>();

    /** Who armed it (the frame is reused, so what describes it is copied now), their line, when, after completing. */
    private static final class Armed {
        boolean inRoutine;
        DriverObject driver;
        RoutineKind kind;
        int major;
        String line;
        long at;
        boolean afterCompletion;

        void set(RoutineFrame caller, long now, boolean completed) {
            inRoutine = caller != null;
            driver = inRoutine ? caller.driver() : null;
            kind = inRoutine ? caller.kind() : null;
            major = inRoutine ? caller.majorFunction() : -1;
            line = inRoutine ? caller.source() : null;
            at = now;
            afterCompletion = completed;
        }

        String describe() {
            String who = inRoutine ? RoutineFrame.describe(driver, kind, major) : OUTSIDE_ANY_ROUTINE;
            return who + " set it at " + SimTime.format(at) + (line == null ? "" : " (" + line + ")")
                    + (afterCompletion ? ", after the IRP had completed"
                    : ", and did not clear it before the IRP completed");
        }
    }

    public static final Rule RULE = new Rule("cancel-state-in-completed-irp",
            "a completed IRP has no cancel routine: IoCancelIrp that finds one on a completed IRP is bug check 0x48 "
                    + "CANCEL_STATE_IN_COMPLETED_IRP (the IRP, the cancel routine, 0, 0)",
            "ReactOS ntoskrnl/io/iomgr/irp.c IoCancelIrp; WDK Bug Check 0x48");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public boolean claims(SystemHalt halt) {
        return isBugCheck(halt, Stop.BugCheck.CANCEL_STATE_IN_COMPLETED_IRP);
    }

    @Override
    public void onSetCancelRoutine(RoutineFrame caller, Irp irp) {
        armedBy.computeIfAbsent(irp, i -> new Armed()).set(caller, kernel().now(), irp.completed());
    }

    @Override
    public void report(SystemHalt halt) {
        Armed armed = null;
        if (halt.stop() instanceof Stop.BugCheck b) {
            for (Map.Entry<Irp, Armed> e : armedBy.entrySet()) {
                if (e.getKey().address() == b.p1()) {
                    armed = e.getValue();
                    break;
                }
            }
        }
        explain(halt, "a cancel request met an IRP that was completed but still had a cancel routine: "
                + (armed != null ? armed.describe() : "some driver set the routine after (or without clearing it "
                + "before) completing the IRP"));
    }
}
