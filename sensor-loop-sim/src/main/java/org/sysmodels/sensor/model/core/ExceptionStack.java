package org.sysmodels.sensor.model.core;

/**
 * The exceptions the core is handling, innermost last, as they nest on its stack: each frame holds the exception
 * number (what IPSR shows, ARMv7-M ARM B1.4.2) and the group priority it runs at, which is never lower than the
 * frame below it (B1.5.4: the execution priority is that of the highest-priority active exception). Empty in Thread
 * mode.
 */
final class ExceptionStack {

    /** The execution priority of Thread mode with nothing masked: below every configurable priority (0..255). */
    static final int THREAD_PRIORITY = 256;

    /** Every exception at most once, plus the HardFault of a faulting handler and one spare. */
    private final int[] number = new int[Exceptions.COUNT + 2];
    private final int[] priority = new int[Exceptions.COUNT + 2];
    private int depth;

    /** Exception entry: {@code exc} becomes the innermost active exception, running at {@code group} or higher. */
    void push(int exc, int group) {
        number[depth] = exc;
        priority[depth] = Math.min(priority(), group);
        depth++;
    }

    /** Exception return from the innermost handler. */
    void pop() {
        depth--;
    }

    /** A reset: every frame is gone. */
    void clear() {
        depth = 0;
    }

    /** IPSR: the innermost active exception, 0 in Thread mode. */
    int current() {
        return depth == 0 ? 0 : number[depth - 1];
    }

    /** Handler mode: some exception is active. */
    boolean inHandlerMode() {
        return depth > 0;
    }

    /** The priority the active exceptions run at before masking; {@link #THREAD_PRIORITY} in Thread mode. */
    int priority() {
        return depth == 0 ? THREAD_PRIORITY : priority[depth - 1];
    }
}
