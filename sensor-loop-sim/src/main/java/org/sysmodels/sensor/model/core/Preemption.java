package org.sysmodels.sensor.model.core;

/**
 * Whether a pending exception preempts the running code (ARMv7-M ARM B1.5.4, pseudo-code
 * {@code ExecutionPriority()}): the execution priority is the group priority of the highest-priority active exception
 * ({@link ExceptionStack}), boosted by BASEPRI and PRIMASK ({@link PriorityMasks}); the NVIC's next pending, enabled
 * exception preempts only if its group priority is strictly lower (a higher priority), so equal priorities never
 * preempt each other.
 */
final class Preemption {

    private final Nvic nvic;
    private final ExceptionStack stack;
    private final PriorityMasks masks;

    Preemption(Nvic nvic, ExceptionStack stack, PriorityMasks masks) {
        this.nvic = nvic;
        this.stack = stack;
        this.masks = masks;
    }

    /** The current execution priority; 256 in Thread mode with nothing masked. */
    int executionPriority() {
        return masks.executionPriority(stack.priority());
    }

    /** The exception the core takes now, or −1 if none can preempt. */
    int next() {
        return nvic.takeable(executionPriority());
    }

    /** Some exception can preempt now (none when nothing is pending and enabled: the core asks the NVIC that first). */
    boolean any() {
        return nvic.takeable(executionPriority()) >= 0;
    }

    /** Some exception could preempt if PRIMASK were 0: what wakes WFI (B1.5.19). */
    boolean anyIgnoringPrimask() {
        return nvic.takeable(masks.ignoringPrimask(stack.priority())) >= 0;
    }
}
