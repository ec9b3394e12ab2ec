package org.sysmodels.sensor.model.core;

/**
 * ARMv7-M exception numbers (ARMv7-M Architecture Reference Manual, B1.5.2 "Exception number definition"): 1 Reset,
 * 2 NMI, 3 HardFault, 11 SVCall, 14 PendSV, 15 SysTick, 16 + n external interrupt n. CMSIS names interrupts by IRQn
 * (exception number − 16), so SysTick is IRQn −1.
 */
public final class Exceptions {

    public static final int RESET = 1;
    public static final int NMI = 2;
    public static final int HARD_FAULT = 3;
    public static final int SVCALL = 11;
    public static final int PENDSV = 14;
    public static final int SYSTICK = 15;
    public static final int IRQ0 = 16;
    /** External interrupts this NVIC implements (IRQ 0..31). */
    public static final int IRQS = 32;
    public static final int COUNT = IRQ0 + IRQS;

    private Exceptions() {
    }

    /** Exception number of CMSIS IRQn (SysTick_IRQn = −1, PendSV_IRQn = −2, SVCall_IRQn = −5, IRQ n ≥ 0). */
    public static int ofIrq(int irqn) {
        int exc = irqn + IRQ0;
        if (exc < HARD_FAULT + 1 || exc >= COUNT) {
            throw new IllegalArgumentException("IRQn " + irqn + " is not a configurable exception (−12..−1 or 0.."
                    + (IRQS - 1) + ")");
        }
        return exc;
    }

    /** "SysTick", "IRQ3", "HardFault". */
    public static String name(int exc) {
        return switch (exc) {
            case RESET -> "Reset";
            case NMI -> "NMI";
            case HARD_FAULT -> "HardFault";
            case SVCALL -> "SVCall";
            case PENDSV -> "PendSV";
            case SYSTICK -> "SysTick";
            default -> exc >= IRQ0 ? "IRQ" + (exc - IRQ0) : "Exception" + exc;
        };
    }
}
