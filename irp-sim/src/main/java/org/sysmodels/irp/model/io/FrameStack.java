package org.sysmodels.irp.model.io;

/**
 * One processor's routine frames: a preallocated chain, reused, grown only past the deepest nesting seen. The top
 * frame is kept as a reference (null when nothing runs), so finding the running routine is one load.
 */
final class FrameStack {

    final int processor;
    final RoutineFrame bottom;
    RoutineFrame top;

    FrameStack(int processor) {
        this.processor = processor;
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
}
