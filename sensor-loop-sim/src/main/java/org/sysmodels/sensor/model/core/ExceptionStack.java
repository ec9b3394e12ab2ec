package org.sysmodels.sensor.model.core;

/**
 * The core's active exceptions, innermost last, with the two masking registers that boost the execution priority:
 * PRIMASK and BASEPRI. Priorities are group priorities (the NVIC's PRIGROUP split); 256 stands for Thread mode with
 * nothing masked.
 *
 * <p>ARMv7-M Architecture Reference Manual (DDI 0403E), B1.5.4 "Exception priorities and preemption", pseudo-code
 * {@code ExecutionPriority()}: the highest priority of the active exceptions, BASEPRI's group priority if lower,
 * and 0 while PRIMASK is set. A handler's entry records the running priority with it, so leaving it restores the one
 * below.
 */
final class ExceptionStack {

    static final int THREAD = 256;

    private final Nvic nvic;
    private final int[] exception = new int[Exceptions.COUNT + 2];
    private final int[] running = new int[Exceptions.COUNT + 2];
    private int depth;
    private boolean primask;
    private int basepri;

    ExceptionStack(Nvic nvic) {
        this.nvic = nvic;
    }

    /** Enters {@code exc} at group priority {@code group} (−1 for HardFault). */
    void push(int exc, int group) {
        int below = depth == 0 ? THREAD : running[depth - 1];
        exception[depth] = exc;
        running[depth] = Math.min(below, group);
        depth++;
    }

    /** The innermost handler returns. */
    void pop() {
        depth--;
    }

    /** IPSR: the exception being handled, 0 in Thread mode. */
    int current() {
        return depth == 0 ? 0 : exception[depth - 1];
    }

    boolean inHandlerMode() {
        return depth > 0;
    }

    /** {@code ExecutionPriority()} (B1.5.4). */
    int executionPriority() {
        return primask ? Math.min(ignoringPrimask(), 0) : ignoringPrimask();
    }

    /** The priority WFI's wake-up compares against: PRIMASK does not keep the core asleep (B1.5.19). */
    int ignoringPrimask() {
        int p = depth == 0 ? THREAD : running[depth - 1];
        if (basepri != 0) {
            p = Math.min(p, nvic.group(basepri));
        }
        return p;
    }

    boolean primask() {
        return primask;
    }

    void setPrimask(boolean on) {
        primask = on;
    }

    int basepri() {
        return basepri;
    }

    /** BASEPRI as written, with the bits the NVIC does not implement read as zero. */
    void setBasepri(int raw) {
        basepri = nvic.implemented(raw);
    }

    /** Reset: Thread mode, nothing active, nothing masked. */
    void reset() {
        depth = 0;
        primask = false;
        basepri = 0;
    }
}
