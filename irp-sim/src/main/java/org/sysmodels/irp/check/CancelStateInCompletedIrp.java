package org.sysmodels.irp.check;

import java.util.HashMap;
import java.util.Map;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.RoutineFrame;

/**
 * Bug check 0x48: IoCancelIrp found a cancel routine on an IRP that has already completed. The bug check names the IRP
 * and the routine; the report also names who armed it (the last IoSetCancelRoutine with a routine on that packet),
 * when, and whether the IRP had completed by then, which a debugger would find only in the driver's own history.
 */
public final class CancelStateInCompletedIrp extends VerifierCheck {

    /** The IRP's address (the bug check's first parameter) to the last arming of a cancel routine on it. */
    private final Map<Long, Armed> armedBy = new HashMap<>();

    /** Who armed it (the frame is reused, so its description is taken now), their line, when, after completing. */
    private record Armed(String who, String line, long at, boolean afterCompletion) {

        String describe() {
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
        armedBy.put(irp.address(), new Armed(who(caller), caller == null ? null : caller.source(), kernel().now(),
                irp.completed()));
    }

    @Override
    public void report(SystemHalt halt) {
        Armed armed = halt.stop() instanceof Stop.BugCheck b ? armedBy.get(b.p1()) : null;
        explain(halt, "a cancel request met an IRP that was completed but still had a cancel routine: "
                + (armed != null ? armed.describe() : "some driver set the routine after (or without clearing it "
                + "before) completing the IRP"));
    }
}
