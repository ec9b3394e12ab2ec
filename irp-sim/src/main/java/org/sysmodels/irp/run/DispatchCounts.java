package org.sysmodels.irp.run;

import java.util.HashMap;
import java.util.Map;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.IoObserver;
import org.sysmodels.irp.model.io.IrpMajor;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;

/**
 * How many IRPs of each major function each device object's dispatch routine was called with, whatever its driver
 * keeps itself (a student's filter counts nothing): the report's stack table.
 */
public final class DispatchCounts implements IoObserver {

    private final Map<DeviceObject, long[]> seen = new HashMap<>();

    @Override
    public void onRoutineEnter(RoutineFrame frame) {
        if (frame.kind() == RoutineKind.DISPATCH && frame.device() != null && frame.irp() != null) {
            seen.computeIfAbsent(frame.device(), d -> new long[IrpMajor.IRP_MJ_MAXIMUM_FUNCTION + 1])
                    [frame.irp().majorFunction()]++;
        }
    }

    /** The calls {@code device}'s dispatch routines had, by major function (all 0 for one never called). */
    public long[] of(DeviceObject device) {
        return seen.getOrDefault(device, new long[IrpMajor.IRP_MJ_MAXIMUM_FUNCTION + 1]).clone();
    }
}
