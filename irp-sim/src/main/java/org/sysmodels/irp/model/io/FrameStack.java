package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.ke.Processor;

/**
 * One processor's routine frames: a preallocated chain, reused, grown only past the deepest nesting seen. The top
 * frame is kept as a reference (null when nothing runs), so finding the running routine is one load. A routine is
 * entered and left here, on the frames of the processor it runs on ({@link Kernel#currentFrames}).
 */
final class FrameStack {

    final int processor;
    final Processor cpu;
    final RoutineFrame bottom;
    RoutineFrame top;

    FrameStack(Processor cpu) {
        this.cpu = cpu;
        this.processor = cpu.number();
        this.bottom = new RoutineFrame(0, processor, null);
        RoutineFrame f = bottom;
        for (int d = 1; d < 16; d++) {
            f = new RoutineFrame(d, processor, f);
        }
    }

    RoutineFrame push() {
        RoutineFrame t = top;
        RoutineFrame f = t == null ? bottom : t.above;
        if (f == null) {
            f = new RoutineFrame(t.depth + 1, processor, t);
        }
        top = f;
        return f;
    }

    /**
     * Enters a routine on this processor: pushes a frame, spends the routine's cost. What a stop's report needs
     * (who, on which device and IRP, the student's line) is always recorded; what only observers read (the state at
     * entry, the flags) only while someone observes ({@code observed}, {@link Kernel#observed}).
     */
    RoutineFrame enter(RoutineKind kind, DriverObject driver, DeviceObject device, Irp irp, Object routine,
                       long cost, boolean observed) {
        Processor p = cpu;
        RoutineFrame f = push();
        f.kind = kind;
        f.driver = driver;
        f.device = device;
        f.irp = irp;
        f.routine = routine;
        f.source = null;
        f.flags = 0;
        f.light = 0;
        long clock = p.clock();
        if (observed) {
            f.irqlAtEntry = p.irql();
            f.enteredAt = clock;
            f.locationAtEntry = irp == null ? 0 : irp.currentLocation;
            f.spinLocksAtEntry = p.spinLocksHeld();
        }
        p.setClock(clock + cost);
        return f;
    }

    /**
     * Enters a dispatch or completion routine that has a device (whose driver it runs) and no student's line, on a
     * machine nobody observes: pushes a light frame (device, IRP, routine and the kind as a number), spends the
     * routine's cost. {@link Kernel#frame()} writes the rest when someone reads the frame, so every reader gets the
     * frame {@link #enter} would have pushed; only the state at entry and the flags differ, which only observers read.
     */
    RoutineFrame enterLight(int light, DeviceObject device, Irp irp, Object routine, long cost) {
        Processor p = cpu;
        RoutineFrame f = push();
        f.light = light;
        f.device = device;
        f.irp = irp;
        f.routine = routine;
        p.setClock(p.clock() + cost);
        return f;
    }

    /** Leaves the top frame (which must be {@code f}). */
    void exit(RoutineFrame f) {
        top = f.below;
    }
}
