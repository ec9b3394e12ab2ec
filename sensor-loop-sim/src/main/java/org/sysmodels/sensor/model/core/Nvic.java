package org.sysmodels.sensor.model.core;

/**
 * The Nested Vectored Interrupt Controller with the system handler priority registers: per exception an enable,
 * pending and active bit and an 8-bit priority of which the top {@code priorityBits} are implemented (STM32: 4),
 * and AIRCR.PRIGROUP splitting each priority into a group priority (which decides preemption) and a subpriority
 * (which only orders pending exceptions of the same group). ARMv7-M ARM B1.5.4 "Exception priorities and
 * preemption": a lower number is a higher priority; among pending exceptions the one with the lowest priority value
 * is taken first, ties going to the lower exception number.
 *
 * <p>Reset, NMI and HardFault have the fixed priorities −3, −2, −1. SysTick is always "enabled" here: whether it
 * pends is SysTick's TICKINT.
 */
public final class Nvic {

    private final int priorityBits;
    private final int implementedMask;
    private final int[] priority = new int[Exceptions.COUNT];
    private final long[] pendedAt = new long[Exceptions.COUNT];
    private long enabled;
    private long pending;
    private long active;
    private int prigroup;
    /** Clears the subpriority bits [PRIGROUP:0] of a priority value. */
    private int groupMask = ~1;
    /** The pending, enabled exception taken next and its group priority (−1 and MAX_VALUE: none), kept up to date by
     *  every write to the pending, enable and priority bits, so the core's many "can anything run?" questions are one
     *  compare. */
    private int next = -1;
    private int nextGroup = Integer.MAX_VALUE;
    private Core core;

    public Nvic(int priorityBits) {
        if (priorityBits < 2 || priorityBits > 8) {
            throw new IllegalArgumentException("ARMv7-M implements 3 to 8 priority bits; " + priorityBits
                    + " is outside what this model accepts (2..8)");
        }
        this.priorityBits = priorityBits;
        this.implementedMask = (0xFF << (8 - priorityBits)) & 0xFF;
        reset();
    }

    void attach(Core c) {
        this.core = c;
    }

    /** Every bit and priority back to its reset value (all 0, grouping 0). */
    public void reset() {
        java.util.Arrays.fill(priority, 0);
        java.util.Arrays.fill(pendedAt, 0);
        priority[Exceptions.RESET] = -3;
        priority[Exceptions.NMI] = -2;
        priority[Exceptions.HARD_FAULT] = -1;
        enabled = bit(Exceptions.NMI) | bit(Exceptions.HARD_FAULT) | bit(Exceptions.SVCALL) | bit(Exceptions.PENDSV)
                | bit(Exceptions.SYSTICK);
        pending = 0;
        active = 0;
        prigroup = 0;
        groupMask = ~1;
        chooseNext();
    }

    public int priorityBits() {
        return priorityBits;
    }

    // ---- CMSIS-style interface, by IRQn ----

    /** NVIC_EnableIRQ. */
    public void enableIrq(int irqn) {
        int exc = external(irqn);
        enabled |= bit(exc);
        chooseNext();
        changed();
    }

    /** NVIC_DisableIRQ. */
    public void disableIrq(int irqn) {
        enabled &= ~bit(external(irqn));
        chooseNext();
    }

    public boolean isEnabled(int irqn) {
        return (enabled & bit(Exceptions.ofIrq(irqn))) != 0;
    }

    /** NVIC_SetPendingIRQ (software pend; also SCB ICSR.PENDSTSET / PENDSVSET for IRQn −1, −2). */
    public void setPendingIrq(int irqn) {
        pend(Exceptions.ofIrq(irqn));
    }

    /** NVIC_ClearPendingIRQ. */
    public void clearPendingIrq(int irqn) {
        pending &= ~bit(Exceptions.ofIrq(irqn));
        chooseNext();
    }

    public boolean isPendingIrq(int irqn) {
        return (pending & bit(Exceptions.ofIrq(irqn))) != 0;
    }

    public boolean isActiveIrq(int irqn) {
        return (active & bit(Exceptions.ofIrq(irqn))) != 0;
    }

    /** NVIC_SetPriority: the value goes in the top bits, as CMSIS shifts it ({@code p << (8 − bits)}). */
    public void setPriority(int irqn, int p) {
        int max = (1 << priorityBits) - 1;
        if (p < 0 || p > max) {
            throw new IllegalArgumentException("priority " + p + " for IRQn " + irqn + " is outside 0.." + max
                    + " (" + priorityBits + " implemented bits)");
        }
        priority[Exceptions.ofIrq(irqn)] = (p << (8 - priorityBits)) & 0xFF;
        chooseNext();
        changed();
    }

    /** NVIC_GetPriority, in implemented bits. */
    public int getPriority(int irqn) {
        return priority[Exceptions.ofIrq(irqn)] >> (8 - priorityBits);
    }

    /** NVIC_SetPriorityGrouping: AIRCR.PRIGROUP, 0..7. */
    public void setPriorityGrouping(int group) {
        if (group < 0 || group > 7) {
            throw new IllegalArgumentException("PRIGROUP " + group + " is outside 0..7");
        }
        prigroup = group;
        groupMask = ~((2 << group) - 1);
        chooseNext();
        changed();
    }

    public int priorityGrouping() {
        return prigroup;
    }

    // ---- for the core and peripherals, by exception number ----

    /** A peripheral or the core pends exception {@code exc}. */
    public void pend(int exc) {
        if ((pending & bit(exc)) == 0) {
            pending |= bit(exc);
            pendedAt[exc] = core == null ? 0 : core.now();
            if ((enabled & bit(exc)) != 0 && (next < 0 || priority[exc] < priority[next]
                    || priority[exc] == priority[next] && exc < next)) {
                next = exc;
                nextGroup = group(priority[exc]);
            }
        }
        changed();
    }

    /** When exception {@code exc} last became pending (ns). */
    public long pendedAt(int exc) {
        return pendedAt[exc];
    }

    /** The 8-bit priority register value of an exception (negative for the fixed ones). */
    public int rawPriority(int exc) {
        return priority[exc];
    }

    /** A priority value reduced to its group priority: the subpriority bits [PRIGROUP:0] cleared. */
    public int group(int rawPriority) {
        if (rawPriority < 0) {
            return rawPriority;
        }
        return rawPriority & groupMask;
    }

    /** BASEPRI as the core holds it: only the implemented bits. */
    int implemented(int value) {
        return value & implementedMask;
    }

    /**
     * The pending, enabled exception taken next (lowest priority value, then lowest number), if its group priority is
     * below {@code execPriority}; else −1.
     */
    int takeable(int execPriority) {
        return nextGroup < execPriority ? next : -1;
    }

    /** Finds the exception {@link #takeable} returns when the execution priority allows it: the lowest priority value,
     *  ties going to the lowest number. */
    private void chooseNext() {
        long candidates = pending & enabled;
        int best = -1;
        int bestPri = Integer.MAX_VALUE;
        while (candidates != 0) {
            int exc = Long.numberOfTrailingZeros(candidates);
            candidates &= candidates - 1;
            int p = priority[exc];
            if (p < bestPri) {
                best = exc;
                bestPri = p;
            }
        }
        next = best;
        nextGroup = best < 0 ? Integer.MAX_VALUE : group(bestPri);
    }

    boolean anyPendingEnabled() {
        return next >= 0;
    }

    void activate(int exc) {
        pending &= ~bit(exc);
        active |= bit(exc);
        if (exc == next) {
            chooseNext();
        }
    }

    void deactivate(int exc) {
        active &= ~bit(exc);
    }

    public boolean isActive(int exc) {
        return (active & bit(exc)) != 0;
    }

    public boolean isPending(int exc) {
        return (pending & bit(exc)) != 0;
    }

    private void changed() {
        if (core != null) {
            core.interruptStateChanged();
        }
    }

    private static int external(int irqn) {
        if (irqn < 0 || irqn >= Exceptions.IRQS) {
            throw new IllegalArgumentException("IRQ " + irqn + " is not an external interrupt (0.."
                    + (Exceptions.IRQS - 1) + ")");
        }
        return irqn + Exceptions.IRQ0;
    }

    private static long bit(int exc) {
        return 1L << exc;
    }
}
